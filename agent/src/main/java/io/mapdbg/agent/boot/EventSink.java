package io.mapdbg.agent.boot;

/** Receives drained write events, one call per event, on the draining thread (key, value: null when absent). */
public interface EventSink {
    void event(int mapId, int site, long epochMillis, String thread, Object key, Object value);
}
