package io.mapdbg.session;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.inspect.MapLayouts;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.render.Json;
import io.mapdbg.testing.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipelined JDWP reads skip JDI's checks, so a wrong field would crash the target: prove they are on in
 * the tests, give exactly what plain JDI gives for every map layout, and leave the target alive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdwpPipelineIT {
    private static final String FIXTURE = "io.mapdbg.examples.fixtures.LayoutFixture.";
    private TargetJvm target;

    @BeforeAll
    void start() {
        target = TargetJvm.start(LayoutFixture.class);
        target.awaitLine(l -> l.equals("READY"), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void pipelinedWalksEqualPlainJdiWalksAndTheTargetSurvives() {
        assertThat(JdwpPipeline.available()).as("the test JVM opens jdk.jdi internals as the fat jar does").isTrue();
        List<String> maps = List.of("TREE_MAP", "CHAIN_MAP", "LINKED_MAP", "HASHTABLE", "WEAK_MAP", "IDENTITY_MAP",
                "CHM_TREE", "CHM_RESERVED", "FEE_SCHEDULE", "SYNC_MAP", "PROPERTIES", "EMPTY");
        for (String name : maps) {
            String piped = layoutJson(name);
            System.setProperty("mapdbg.pipeline", "false");
            String plain;
            try {
                plain = layoutJson(name);
            } finally {
                System.clearProperty("mapdbg.pipeline");
            }
            assertThat(piped).as(name).isEqualTo(plain);
        }
        assertThat(target.isAlive()).isTrue();
    }

    private String layoutJson(String field) {
        try (Session session = Session.attach(new Target.Pid(target.pid()))) {
            BucketLayout layout = session.suspended(() -> MapLayouts.decode(
                    session.resolveStaticPath(FIXTURE + field), FIXTURE + field, WalkOptions.defaults(), WalkProgress.NONE));
            // ids differ per connection; everything else must be equal
            return Json.render(layout).replaceAll("@\\d+", "@id").replaceAll("\"id\":\\d+", "\"id\":0");
        }
    }
}
