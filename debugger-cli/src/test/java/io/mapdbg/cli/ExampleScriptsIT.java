package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.payment.PaymentService;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The scripts users are pointed to (scripts/examples/*.mdbg) against the payment service they were written for. */
@ExtendWith(KillTargetsAfterAll.class)
class ExampleScriptsIT {
    private static final Duration BOUND = Duration.ofSeconds(150);
    private static final String SERVICE = PaymentService.class.getName();
    private static TargetJvm jvm;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(PaymentService.class, "--order-interval-ms", "100");
        jvm.awaitLine("READY"::equals, Fixtures.START);
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    private static List<JsonNode> trace(String name) {
        String script = Path.of("..", "scripts", "examples", name + ".mdbg").toString();
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script, "--json", "--duration", "120s");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> lines = ran.out().lines().map(Cli.JSON::readTree).toList();
        assertThat(lines).as(ran.out()).noneMatch(n -> n.get("type").asString().equals("error"));
        assertThat(lines.get(lines.size() - 1).get("stoppedBy").asString()).isEqualTo("detach");
        return lines;
    }

    @Test
    void leakedSettleThreadsAreBornInCheckout() {
        List<JsonNode> lines = trace("leaked-settle-threads");
        List<JsonNode> hits = lines.stream().filter(n -> n.get("type").asString().equals("hit")).toList();
        assertThat(hits).hasSize(3).allSatisfy(h -> assertThat(h.at("/thread/name").asString()).startsWith("settle-order-"));
        List<JsonNode> origins = lines.stream().filter(n -> n.at("/result/type").asString().equals("origin")).toList();
        // a settle thread started before the script's `origin on` (an earlier test's order still unpaid) may be the
        // one that removes: its origin says so; every thread started after it was born in checkout
        assertThat(origins).hasSize(3).allSatisfy(o -> {
            if (!o.at("/result/recorded").asBoolean()) {
                assertThat(o.at("/result/note").asString()).contains("started before origin recording began");
                return;
            }
            assertThat(o.at("/result/startedBy/name").asString()).isIn("checkout", "main");
            assertThat(o.at("/result/frames").toString()).contains("\"method\":\"checkout\"", SERVICE);
        });
        assertThat(origins).anySatisfy(o -> assertThat(o.at("/result/recorded").asBoolean()).isTrue());
        assertThat(lines.toString()).contains("settle-order-3", "ORDER_LATCHES");
    }

    @Test
    void rateCacheHeldBinNamesTheMapAndItsOwner() {
        String all = trace("rate-cache-held-bin").toString();
        assertThat(all).contains(SERVICE + ".RATE_CACHE", "rate-refresh", "rate-lookup-1", "ReservationNode");
    }

    @Test
    void ordersByIdCollisionsShowTheTreeBin() {
        List<JsonNode> lines = trace("orders-by-id-collisions");
        JsonNode layout = lines.stream().filter(n -> n.at("/result/nonEmptyBins").isNumber()).findFirst().orElseThrow().get("result");
        assertThat(layout.at("/map/path").asString()).isEqualTo(SERVICE + ".ORDERS_BY_ID");
        assertThat(layout.get("treeBins").asInt()).isEqualTo(1);
        assertThat(layout.at("/longestBin/kind").asString()).isEqualTo("tree");
    }

    @Test
    void auditLogRaceCatchesBothWriters() {
        List<JsonNode> lines = trace("audit-log-race");
        List<String> writers = lines.stream().filter(n -> n.get("type").asString().equals("hit"))
                .map(h -> h.at("/thread/name").asString()).distinct().toList();
        assertThat(writers).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith("audit-writer-"));
        assertThat(lines.toString()).contains("started before origin recording began");
    }
}
