package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.payment.PaymentService;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * races on the example payment service (what scripts/mapdbg demo shows): AUDIT_LOG, written by audit-writer-1 and -2
 * without a lock, is reported with both writers and their keys; the synchronizedMap and the Hashtable are not watched.
 */
@ExtendWith(KillTargetsAfterAll.class)
class RacesPaymentIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String SVC = PaymentService.class.getName();
    private static TargetJvm jvm;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(PaymentService.class);
        try {
            jvm.awaitLine("READY"::equals, Fixtures.START);
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    @Test
    void theAuditLogRaceIsShownAndTheLockingMapsAreNotWatched() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", Long.toString(jvm.pid()), "--map", SVC + ".AUDIT_LOG",
                "--map", SVC + ".SESSIONS", "--map", SVC + ".MERCHANTS", "--duration", "6s", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode report = ran.json();
        assertThat(report.get("races")).as(ran.out()).hasSize(1);
        JsonNode race = report.get("races").get(0);
        assertThat(race.at("/map/path").asString()).isEqualTo(SVC + ".AUDIT_LOG");
        assertThat(race.at("/map/class").asString()).isEqualTo("java.util.HashMap");
        List<String> threads = new ArrayList<>();
        race.get("threads").forEach(t -> threads.add(t.asString()));
        assertThat(threads).containsExactlyInAnyOrder("audit-writer-1", "audit-writer-2");
        // audit-writer-N writes keys wN-txn-SEQ (puts, and removes 500 behind): each key shown is its own thread's
        for (JsonNode w : race.get("writes")) {
            String n = w.get("thread").asString().substring("audit-writer-".length());
            if (!w.get("key").isNull()) {
                assertThat(w.get("key").asString()).startsWith("\"w" + n + "-txn-");
            }
        }
        assertThat(race.get("damage").get("checked").asBoolean()).isTrue();
        List<String> skipped = new ArrayList<>();
        report.get("skipped").forEach(s -> skipped.add(s.at("/map/path").asString() + ": " + s.get("reason").asString()));
        assertThat(skipped).containsExactlyInAnyOrder(
                SVC + ".SESSIONS: thread-safe map (Collections$SynchronizedMap): not watched",
                SVC + ".MERCHANTS: thread-safe map (Hashtable): not watched");
        assertThat(jvm.isAlive()).isTrue();
    }
}
