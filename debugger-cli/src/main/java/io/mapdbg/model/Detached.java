package io.mapdbg.model;

/** The session ended at the user's request (detach, exit, quit): the target runs on as before. */
public record Detached(String target) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
