package io.mapdbg.command;

import io.mapdbg.frontend.CommandReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "COMMANDS.md");

    @Test
    void checkedInReferenceMatchesTheRegistry() throws IOException {
        String generated = CommandReference.markdown(CommandRegistry.standard());
        if (Boolean.getBoolean("mapdbg.writeReference")) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(REFERENCE).exists();
        assertThat(Files.readString(REFERENCE))
                .as("docs/COMMANDS.md is stale: rerun with -Dmapdbg.writeReference=true")
                .isEqualTo(generated);
    }

    @Test
    void everyCommandHasASummaryAndUniqueWords() {
        CommandRegistry registry = CommandRegistry.standard();
        assertThat(registry.commands()).allSatisfy(c -> assertThat(c.summary()).isNotBlank());
        assertThat(registry.words()).doesNotHaveDuplicates();
        assertThat(registry.find("layout")).map(CommandInfo::name).contains("buckets");
    }
}
