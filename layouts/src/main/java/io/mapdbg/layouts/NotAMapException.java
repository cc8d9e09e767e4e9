package io.mapdbg.layouts;

/** The object is no map layout mapdbg knows, nor a wrapper of one; the message says what it is, in one line. */
public class NotAMapException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NotAMapException(String message) {
        super(message);
    }
}
