package io.mapdbg.cli;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import io.mapdbg.render.Json;

import java.util.List;

/**
 * A one-shot threads --blocked --json through the agent spends a fifth of its time building Jackson's serializers
 * for the report: a daemon thread builds them (on a sample report, nothing printed) while the main thread parses
 * the command line and waits for the target's thread dump.
 */
final class JsonWarmUp {
    private JsonWarmUp() {
    }

    static void start() {
        Thread t = new Thread(JsonWarmUp::run, "mapdbg-json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            ThreadSummary owner = new ThreadSummary("o", 1, "RUNNABLE", List.of("a.B.c(B.java:1)"));
            LockRef lock = new LockRef("monitor", "java.lang.Object", 1, "d");
            BlockedCluster c = new BlockedCluster(lock, owner, List.of(new Waiter("w", 2, "BLOCKED", "f")),
                    new MapBin(3, "java.util.Hashtable", "p", -1), new MapEntryRef(new MapRef(4, "java.util.HashMap", "p"), "k"),
                    List.of(owner));
            Json.render(new BlockedReport(1, List.of(c), List.of(new Deadlock(List.of(new Deadlock.Step(owner, lock, "f")))),
                    0, false));
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the real rendering builds what it needs
        }
    }
}
