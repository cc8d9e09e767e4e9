package io.mapdbg.model;

/** {@code mapdbg trace --json}: the result of one script line (type "result"); command is the line as written. */
public record ScriptLineResult(String type, String file, int line, String command, Result result) implements Result {
    public ScriptLineResult {
        type = "result";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
