package io.mapdbg.expr;

/**
 * A malformed expression or one that cannot be evaluated here: the message names the 1-based column of the
 * (sub-)expression at fault, e.g. {@code column 9: expected ')'}. Column 0 means no column is known.
 */
public final class ExpressionException extends RuntimeException {
    private final int column;
    private final String reason;
    private boolean needsFrame;

    public ExpressionException(int column, String reason) {
        this(column, reason, null);
    }

    public ExpressionException(int column, String reason, Throwable cause) {
        super(column > 0 ? "column " + column + ": " + reason : reason, cause);
        this.column = column;
        this.reason = reason;
    }

    /** An error because the expression names this, an argument or a local and no thread is stopped. */
    static ExpressionException needsFrame(int column, String reason) {
        ExpressionException e = new ExpressionException(column, reason);
        e.needsFrame = true;
        return e;
    }

    /** True when the expression would have a value in the frame of a stopped thread. */
    public boolean needsFrame() {
        return needsFrame;
    }

    /** 1-based column in the expression text; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the column prefix. */
    public String reason() {
        return reason;
    }
}
