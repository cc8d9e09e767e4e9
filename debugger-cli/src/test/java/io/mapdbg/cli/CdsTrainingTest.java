package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.backend.agent.AgentThreads;
import io.mapdbg.backend.BlockedOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's training run goes through the whole blocked-report path: its made-up reply decodes to a report. */
class CdsTrainingTest {
    @Test
    void theMadeUpReplyDecodesToTheReportItDescribes() throws Exception {
        BlockedReport r = AgentThreads.report(CdsTraining.reply(), BlockedOptions.DEFAULT);
        assertThat(r.threads()).isEqualTo(5);
        BlockedCluster bin = r.clusters().get(0);
        assertThat(bin.waiters()).extracting(w -> w.name()).containsExactly("writer-1", "writer-2");
        assertThat(bin.owner().name()).isEqualTo("holder");
        assertThat(bin.map().path()).isEqualTo("com.acme.Cache.BY_ID");
        assertThat(bin.map().bin()).isEqualTo(3);
        List<String> all = r.clusters().stream().flatMap(c -> c.waiters().stream()).map(w -> w.name()).toList();
        assertThat(all).contains("settle", "holder").doesNotContain("pool-1-thread-1"); // the idle worker is left out
        CdsTraining.run(); // prints nothing, throws nothing
    }
}
