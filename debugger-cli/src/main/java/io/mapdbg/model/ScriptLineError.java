package io.mapdbg.model;

/**
 * A script line that failed (type "error"): {@code file:line: message} in text. breakpoint is set (and line may be
 * 0 when unknown) for an on-command that failed at a hit.
 */
public record ScriptLineError(String type, String file, int line, String command, String breakpoint, String message)
        implements Result {
    public ScriptLineError {
        type = "error";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
