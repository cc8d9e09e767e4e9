package io.mapdbg.agent.boot;

/** Receives drained write events, one call per event, on the draining thread (key, value: null when absent). */
public interface EventSink {
    /** threadId: the writer's Java thread id (Thread.getId(), jstack's #N), the id every mapdbg path shows. */
    void event(int mapId, int site, long epochMillis, long threadId, String thread, Object key, Object value);
}
