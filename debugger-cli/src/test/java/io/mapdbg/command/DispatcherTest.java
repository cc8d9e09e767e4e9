package io.mapdbg.command;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.model.HelpText;
import io.mapdbg.model.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatcherTest {
    private final Dispatcher dispatcher = new Dispatcher(CommandRegistry.standard());
    private final CommandContext detached = new CommandContext(null, new ValueHistory(), ProgressSink.NONE, true);

    @Test
    void helpListsEveryRegisteredCommand() {
        Dispatcher.Outcome outcome = dispatcher.execute(List.of("help"), detached);
        assertThat(outcome.result()).isInstanceOf(HelpText.class);
        assertThat(((HelpText) outcome.result()).commands()).extracting(HelpText.Entry::name)
                .containsAll(List.of("maps", "buckets", "help", "detach"));
    }

    @Test
    void commandHelpComesFromTheSameAnnotation() {
        Dispatcher.Outcome outcome = dispatcher.execute(List.of("buckets", "--help"), detached);
        assertThat(((Message) outcome.result()).text()).contains("--max-entries", "--bins", "MAPREF");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThatThrownBy(() -> dispatcher.execute(List.of("bukets"), detached))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("unknown command 'bukets'")
                .hasMessageContaining("buckets")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void badOptionIsAUsageErrorNamingTheCommand() {
        assertThatThrownBy(() -> dispatcher.execute(List.of("maps", "--top", "many"), detached))
                .isInstanceOf(CommandException.class)
                .hasMessageStartingWith("maps:")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void targetCommandsSayWhenNotAttached() {
        assertThatThrownBy(() -> dispatcher.execute(List.of("maps"), detached))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("not attached");
    }

    @Test
    void binsRangeIsParsedAndChecked() {
        assertThat(BucketsCommand.parseBins("3-9")).containsExactly(3, 9);
        assertThat(BucketsCommand.parseBins("7")).containsExactly(7, 7);
        assertThatThrownBy(() -> BucketsCommand.parseBins("9-3")).isInstanceOf(CommandException.class);
    }
}
