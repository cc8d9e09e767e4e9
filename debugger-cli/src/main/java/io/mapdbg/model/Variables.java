package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code args} and {@code locals}: kind is "args" or "locals"; frame is where they live (its
 * variable lists are left null: they are here). note says why a list is empty when it is not simply empty
 * ("no local variable information").
 */
public record Variables(String kind, long threadId, String threadName, FrameInfo frame, Variable thisObject,
                        List<Variable> variables, String note, boolean snapshot) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
