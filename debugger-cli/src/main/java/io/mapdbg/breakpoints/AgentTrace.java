package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.MapRef;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/** One trace served by the agent ({@link AgentTraces}): what was asked, what the agent armed, what it saw so far. */
final class AgentTrace {
    final AgentTraces.Spec spec;
    final String name;
    final MapRef map; // null for every map
    final LongPredicate hitCount; // a hitcount condition, tested here; null for none
    final List<String> hooked;
    final AtomicLong hits = new AtomicLong();
    final AtomicLong candidates = new AtomicLong(); // what a hitcount condition counts
    final CountDownLatch done = new CountDownLatch(1);
    volatile String state = "armed";
    volatile long droppedSaid;
    volatile boolean failureSaid;

    AgentTrace(String name, AgentTraces.Spec spec, MapRef map, LongPredicate hitCount, List<String> hooked) {
        this.name = name;
        this.spec = spec;
        this.map = map;
        this.hitCount = hitCount;
        this.hooked = hooked;
    }

    BreakpointInfo info(long dropped) {
        return new BreakpointInfo(name, "trace", "mapassign", hooked, List.of(), map, spec.thread(), spec.count(),
                spec.condition(), List.of(), hits.get(), dropped, state,
                map == null ? AgentTraces.NOTE_ALL : AgentTraces.NOTE);
    }
}
