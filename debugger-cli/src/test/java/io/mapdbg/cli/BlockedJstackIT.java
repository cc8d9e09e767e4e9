package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.examples.fixtures.LockKindsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * threads --blocked beside jstack -l of the same JVMs (the target JDK's own jstack, an independent tool), over
 * every lock kind of issue 4: BlockedFixture (CHM bin head Node and ReservationNode, Hashtable, synchronizedMap,
 * ReentrantLock, a monitor and a ReentrantLock deadlock) and LockKindsFixture (plain monitor, ReentrantReadWriteLock
 * held for writing and for reading, TreeBin). Every BLOCKED thread jstack shows is a waiter of mapdbg's on the
 * same lock class, waiters jstack shows on one address are one cluster, owners are jstack's holders of that
 * address, and the deadlocks are jstack's.
 */
@ExtendWith(KillTargetsAfterAll.class)
class BlockedJstackIT {
    private static TargetJvm blocked;
    private static TargetJvm kinds;

    @BeforeAll
    static void start() {
        blocked = TargetJvm.start(BlockedFixture.class);
        kinds = TargetJvm.start(LockKindsFixture.class);
        for (TargetJvm jvm : List.of(blocked, kinds)) {
            try {
                jvm.awaitLine("READY"::equals, Fixtures.START);
            } catch (RuntimeException | Error e) {
                blocked.close();
                kinds.close();
                throw e;
            }
        }
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(blocked);
        Fixtures.stop(kinds);
    }

    @Test
    void blockedFixtureAgreesWithJstack() {
        Set<String> lockClasses = agree(blocked);
        assertThat(lockClasses).contains("java.util.concurrent.ConcurrentHashMap$Node",
                "java.util.concurrent.ConcurrentHashMap$ReservationNode", "java.util.Hashtable",
                "java.util.Collections$SynchronizedMap", "java.util.concurrent.locks.ReentrantLock$NonfairSync");
    }

    @Test
    void lockKindsFixtureAgreesWithJstack() {
        Set<String> lockClasses = agree(kinds);
        assertThat(lockClasses).contains("java.lang.Object", "java.util.concurrent.ConcurrentHashMap$TreeBin",
                "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync");
    }

    /** Compares mapdbg's clusters with jstack's report; returns the lock classes compared. */
    private static Set<String> agree(TargetJvm jvm) {
        JstackDump before = JstackDump.of(jvm.pid());
        Cli.Ran ran = Cli.run("threads", Long.toString(jvm.pid()), "--blocked", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JstackDump after = JstackDump.of(jvm.pid());
        JsonNode report = ran.json();

        // Stuck threads stay stuck: both jstack runs agree, so the snapshot in between is comparable.
        assertThat(after.blocked()).isEqualTo(before.blocked());
        Set<String> mapdbgBlocked = new TreeSet<>();
        Set<String> classes = new TreeSet<>();
        for (JsonNode c : report.get("clusters")) {
            Set<String> addresses = new HashSet<>();
            for (JsonNode w : c.get("waiters")) {
                String name = w.get("name").asString();
                JstackDump.Thread t = before.threads.get(name);
                assertThat(t).as(name + " in jstack").isNotNull();
                String address = t.waitingToLock() != null ? t.waitingToLock() : t.parkedOn();
                assertThat(address).as(name + ": jstack shows it waiting on a lock").isNotNull();
                assertThat(t.lockClass()).as(name + ": lock class").isEqualTo(c.at("/lock/class").asString());
                addresses.add(address);
                if (w.get("state").asString().equals("BLOCKED")) {
                    mapdbgBlocked.add(name);
                    assertThat(t.waitingToLock()).as(name + " BLOCKED in jstack").isNotNull();
                }
            }
            assertThat(addresses).as("one lock per cluster " + c.get("lock")).hasSize(1);
            String holder = before.holderOf(addresses.iterator().next());
            if (!c.get("owner").isNull()) {
                assertThat(c.at("/owner/name").asString()).as("owner of " + c.get("lock")).isEqualTo(holder);
            } else if (c.at("/lock/kind").asString().equals("synchronizer") && c.get("readHolders").isEmpty()) {
                assertThat(holder).as("jstack's holder of " + c.get("lock")).isNull();
            }
            classes.add(c.at("/lock/class").asString());
        }
        assertThat(mapdbgBlocked).as("BLOCKED threads").isEqualTo(before.blocked());

        Set<Set<String>> deadlocks = new HashSet<>();
        for (JsonNode d : report.get("deadlocks")) {
            Set<String> names = new TreeSet<>();
            d.get("cycle").forEach(step -> names.add(step.at("/thread/name").asString()));
            deadlocks.add(names);
        }
        assertThat(deadlocks).as("deadlocks").isEqualTo(new HashSet<>(before.deadlocks));
        return classes;
    }
}
