package io.mapdbg.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplHistoryFileTest {
    @Test
    void historyIsInTheHomeDirectoryUnlessMapdbgHistorySaysElsewhere() {
        assertThat(Repl.historyFile(Map.of(), "/home/ana")).isEqualTo(Path.of("/home/ana/.mapdbg_history"));
        assertThat(Repl.historyFile(Map.of("MAPDBG_HISTORY", "/tmp/h"), "/home/ana")).isEqualTo(Path.of("/tmp/h"));
        assertThat(Repl.historyFile(Map.of("MAPDBG_HISTORY", ""), "/home/ana")).isNull();
    }
}
