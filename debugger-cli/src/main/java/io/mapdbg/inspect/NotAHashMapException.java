package io.mapdbg.inspect;

/** The object is not a map whose layout mapdbg can decode. */
public class NotAHashMapException extends RuntimeException {
    public NotAHashMapException(String message) {
        super(message);
    }
}
