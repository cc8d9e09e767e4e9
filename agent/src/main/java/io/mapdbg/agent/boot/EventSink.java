package io.mapdbg.agent.boot;

/** Receives drained write events, one call per event, on the draining thread. */
public interface EventSink {
    /** w is reused for the next event: copy it ({@link TracedWrite#copy}) to keep it. */
    void event(TracedWrite w);
}
