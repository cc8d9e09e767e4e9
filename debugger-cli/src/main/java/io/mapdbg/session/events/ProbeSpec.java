package io.mapdbg.session.events;

/** Where to break: every overload of {@code className.method}, or (method null) the code of {@code className:line}. */
public record ProbeSpec(String className, String method, int line) {
    public static ProbeSpec method(String className, String method) {
        return new ProbeSpec(className, method, -1);
    }

    public static ProbeSpec line(String className, int line) {
        return new ProbeSpec(className, null, line);
    }

    @Override
    public String toString() {
        return method != null ? className + "." + method : className + ":" + line;
    }
}
