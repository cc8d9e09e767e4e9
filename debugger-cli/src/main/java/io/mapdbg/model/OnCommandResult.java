package io.mapdbg.model;

/** {@code mapdbg trace --json}: what an on-command printed at a hit (type "on"); hit is the breakpoint's hit number. */
public record OnCommandResult(String type, String breakpoint, long hit, String command, Result result) implements Result {
    public OnCommandResult {
        type = "on";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
