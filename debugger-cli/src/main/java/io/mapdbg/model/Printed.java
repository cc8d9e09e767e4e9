package io.mapdbg.model;

/**
 * The value of an expression ({@code print}); valueType is its Java type (JSON's "type" is the line's kind, "print"). value is a bounded preview; id is the object id for an object in
 * the target (usable as {@code @id}), null for primitives, null and strings made here. frame names where names
 * were looked up ({@code java.util.HashMap.putVal, thread main}), null without a stopped thread.
 */
public record Printed(String expression, String valueType, String value, Long id, String frame) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
