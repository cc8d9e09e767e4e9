package io.mapdbg.agent.boot;

/**
 * One traced write as a drain hands it over: a holder the draining thread reuses (copy it to keep it). The map,
 * key and value are the objects themselves (previewed later by field reads, never by their toString); caller is
 * what {@link Callers#capture} kept (described by {@link Callers#describe}), or null.
 */
public final class TracedWrite {
    /** The watch's id, or -1 for a write seen by the every-map trace (then {@link #map} names the map). */
    public int mapId;
    public Object map;
    public int site;
    public long epochMillis;
    /** The writer's Java thread id (Thread.getId(), jstack's #N), the id every mapdbg path shows. */
    public long threadId;
    public String thread;
    public Object key;
    public Object value;
    public Object caller;
    /** The filters of the map when the write was seen (null: every watcher takes it), and which of them accepted it. */
    public WriteFilter[] filters;
    public int accepted;

    public TracedWrite copy() {
        TracedWrite c = new TracedWrite();
        c.mapId = mapId;
        c.map = map;
        c.site = site;
        c.epochMillis = epochMillis;
        c.threadId = threadId;
        c.thread = thread;
        c.key = key;
        c.value = value;
        c.caller = caller;
        c.filters = filters;
        c.accepted = accepted;
        return c;
    }

    /** True when the watcher owner takes this write: no filters, or one of owner's accepted it. */
    public boolean acceptedBy(Object owner) {
        if (filters == null) {
            return true;
        }
        for (int i = 0; i < filters.length; i++) {
            if ((accepted & (1 << i)) != 0 && filters[i].owner == owner) {
                return true;
            }
        }
        return false;
    }
}
