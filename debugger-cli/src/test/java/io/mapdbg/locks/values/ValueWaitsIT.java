package io.mapdbg.locks.values;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.examples.fixtures.LatchLeakFixture;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every thread of LatchLeakFixture that waits on a map value is reported with the map's static path, the key,
 * the kind and the detail the fixture computed about itself; a thread waiting on a latch no map holds is not;
 * the target runs on afterwards.
 */
@ExtendWith(KillTargetsAfterAll.class)
class ValueWaitsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static TargetJvm jvm;
    private static JsonNode truth;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(LatchLeakFixture.class);
        String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), BOUND);
        jvm.awaitLine("READY"::equals, BOUND);
        truth = JsonMapper.builder().build().readTree(line.substring("TRUTH ".length()));
        assertThat(truth.get("pid").asLong()).isEqualTo(jvm.pid());
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    /** What the debugger found for one thread: its ValueWait, or empty; plus the owner resolved without a map. */
    private record Seen(Optional<ValueWait> found, BlockerOwner owner) {
    }

    @Test
    void eachWaitOnAMapValueIsReportedWithItsMapAndKey() throws Exception {
        try (Session session = Session.attach(new Target.Pid(jvm.pid()), Files.createTempDirectory("mapdbg-cache"))) {
            List<String> names = new ArrayList<>();
            truth.get("waits").propertyNames().forEach(names::add);
            names.addAll(List.of("fixture-idle"));
            Map<String, Seen> seen = new LinkedHashMap<>();
            ValueWaits waits = session.suspended(() -> {
                ValueWaits index = ValueWaits.index(session, ValueWaits.Bounds.DEFAULT);
                for (String name : names) {
                    ThreadReference thread = session.vm().allThreads().stream()
                            .filter(t -> t.name().equals(name)).findFirst()
                            .orElseThrow(() -> new AssertionError("no thread " + name));
                    ObjectReference blocker = ValueWaits.blockerOf(thread)
                            .orElseThrow(() -> new AssertionError(name + " waits on nothing"));
                    seen.put(name, new Seen(index.find(blocker), ValueWaits.owner(blocker)));
                }
                return index;
            });

            assertThat(waits.mapsWalked()).isPositive();
            for (String name : names.subList(0, names.size() - 1)) {
                JsonNode want = truth.get("waits").get(name);
                ValueWait got = seen.get(name).found().orElseThrow(() -> new AssertionError(name + ": no map entry found"));
                assertThat(got.entry().map().path()).as(name + " path").isEqualTo(want.get("path").asString());
                assertThat(got.entry().key()).as(name + " key").isEqualTo(want.get("key").asString());
                assertThat(got.kind()).as(name + " kind").isEqualTo(want.get("kind").asString());
                assertThat(got.detail()).as(name + " detail").isEqualTo(want.get("detail").asString());
                assertThat(got.heldBy()).as(name + " heldBy")
                        .isEqualTo(want.get("heldBy").isNull() ? null : want.get("heldBy").asString());
                assertThat(got.ownerId()).isPositive();
            }
            ValueWait settle = seen.get("settle-order-7").found().orElseThrow();
            assertThat(settle.describe()).isEqualTo("ORDER_LATCHES[\"order-7\"] (CountDownLatch, count 1)");
            assertThat(settle.entry().map().className()).isEqualTo("java.util.concurrent.ConcurrentHashMap");
            assertThat(seen.get("acquire-permit-42").found().orElseThrow().describe())
                    .isEqualTo("PERMITS[42] (Semaphore, 0 permits)");
            assertThat(seen.get("ship-order-A7").found().orElseThrow().describe())
                    .isEqualTo("ORDER_STATES[\"A7\"].latch (CountDownLatch, count 1)");

            Seen idle = seen.get("fixture-idle");
            assertThat(idle.found()).as("a latch no map holds").isEmpty();
            assertThat(idle.owner().detail()).isEqualTo("CountDownLatch, count 1");

            // resumed: the target prints ticks after the suspension ended
            long before = lastTick();
            jvm.awaitLine(l -> l.startsWith("tick ") && Long.parseLong(l.substring(5)) > before + 1, BOUND);
            assertThat(jvm.isAlive()).isTrue();
        }
    }

    private static long lastTick() {
        long last = 0;
        for (String l : jvm.output()) {
            if (l.startsWith("tick ")) {
                last = Math.max(last, Long.parseLong(l.substring(5)));
            }
        }
        return last;
    }
}
