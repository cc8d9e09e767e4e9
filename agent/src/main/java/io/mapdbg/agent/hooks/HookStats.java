package io.mapdbg.agent.hooks;

import java.util.List;

/** What the hooks have done since they were installed. */
public final class HookStats {
    /** Classes that carry the hooks now (internal names), and how many sites were woven into them. */
    public final List<String> hookedClasses;
    public final int wovenSites;
    public final int watched;
    public final boolean racesAll;
    /** Slow-path calls for watched maps. */
    public final long enters;
    public final long eventsQueued;
    public final long eventsDropped;
    public final long eventsPending;
    /** Throwables caught inside the hooks (the application never sees them), and the first one. */
    public final long faults;
    public final String firstFault;
    public final long breakpointHits;
    public final int overlaps;
    public final List<String> transformErrors;

    HookStats(List<String> hookedClasses, int wovenSites, int watched, boolean racesAll, long[] counters,
            long eventsPending, String firstFault, int overlaps, List<String> transformErrors) {
        this.hookedClasses = hookedClasses;
        this.wovenSites = wovenSites;
        this.watched = watched;
        this.racesAll = racesAll;
        this.enters = counters[0];
        this.eventsQueued = counters[1];
        this.eventsDropped = counters[2];
        this.faults = counters[3];
        this.breakpointHits = counters[4];
        this.eventsPending = eventsPending;
        this.firstFault = firstFault;
        this.overlaps = overlaps;
        this.transformErrors = transformErrors;
    }

    @Override
    public String toString() {
        return "hooked=" + hookedClasses + " sites=" + wovenSites + " watched=" + watched + " racesAll=" + racesAll
                + " enters=" + enters + " queued=" + eventsQueued + " dropped=" + eventsDropped + " pending="
                + eventsPending + " faults=" + faults + " hits=" + breakpointHits + " overlaps=" + overlaps
                + (transformErrors.isEmpty() ? "" : " errors=" + transformErrors);
    }
}
