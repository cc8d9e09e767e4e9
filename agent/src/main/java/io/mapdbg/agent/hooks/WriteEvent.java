package io.mapdbg.agent.hooks;

/** One write to a watched map, as the hook saw it. */
public final class WriteEvent {
    public final int mapId;
    /** The site's short name, e.g. HashMap.putVal. */
    public final String site;
    public final long epochMillis;
    public final String thread;
    public final String key;
    public final String value;

    public WriteEvent(int mapId, String site, long epochMillis, String thread, String key, String value) {
        this.mapId = mapId;
        this.site = site;
        this.epochMillis = epochMillis;
        this.thread = thread;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return "#" + mapId + " " + site + " [" + thread + "] " + key + " = " + value;
    }
}
