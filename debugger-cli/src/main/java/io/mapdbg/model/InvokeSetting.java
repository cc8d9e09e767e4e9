package io.mapdbg.model;

/** Whether expressions may invoke methods in the target ({@code invoke on|off}). */
public record InvokeSetting(boolean allowed) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
