package io.mapdbg.model;

/**
 * The last line of {@code mapdbg trace} (type "end"): commands run, how many failed, hits taken by runs, and
 * stoppedBy: null when the script ran to its end, else why it stopped early ("--duration 30s", "--max-events 100",
 * "interrupted", "strict", "target-exited", "detach"). exit is the exit code.
 */
public record ScriptEnd(String type, String file, int commands, int failed, long hits, String stoppedBy, int exit)
        implements Result {
    public ScriptEnd {
        type = "end";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
