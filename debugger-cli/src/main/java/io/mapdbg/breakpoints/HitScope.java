package io.mapdbg.breakpoints;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;

import java.util.Map;

/**
 * What a condition can see at a hit, while the thread is stopped: the thread, {@code this}, the arguments by
 * name ({@code key}, {@code value} for map methods; {@code arg0}... elsewhere) and the hit count so far
 * (this hit included).
 */
public record HitScope(ThreadReference thread, ObjectReference thisObject, Map<String, Value> arguments, long hitCount) {
}
