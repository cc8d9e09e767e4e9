package io.mapdbg.model;

/** {@code mapdbg trace --json}: a notice that is not a hit (a trace done after --count, the target gone): type "notice". */
public record ScriptNotice(String type, String text, Result notice) implements Result {
    public ScriptNotice {
        type = "notice";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
