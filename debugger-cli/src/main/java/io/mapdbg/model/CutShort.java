package io.mapdbg.model;

/**
 * A command that did not run to its end (the target exited mid-trace, a race watch ended early): result is what it
 * saw until then, printed as usual; reason is the one line that says it was cut short, and the exit code is 1.
 */
public record CutShort(Result result, String reason) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
