package io.mapdbg.model;

/** A plain one-line result (detach, help and the like). */
public record Message(String text) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
