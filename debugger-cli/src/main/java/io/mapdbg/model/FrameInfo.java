package io.mapdbg.model;

import java.util.List;

/**
 * One stack frame, {@code #index Class.method(File:line)}. line is null when the class has no line table;
 * file null without a SourceFile attribute. thisObject, arguments and locals are null when they were not read
 * (a thread list reads locations only); localsNote says why locals are missing ("no local variable information").
 */
public record FrameInfo(int index, String className, String method, String file, Integer line, boolean nativeMethod,
                        Variable thisObject, List<Variable> arguments, List<Variable> locals, String localsNote) {

    /** A frame known by its location only. */
    public static FrameInfo location(int index, String className, String method, String file, Integer line,
                                     boolean nativeMethod) {
        return new FrameInfo(index, className, method, file, line, nativeMethod, null, null, null, null);
    }

    /** {@code Class.method(File:line)}, as jstack prints a frame; also the key frames are grouped by. */
    public String where() {
        String place = nativeMethod ? "Native Method"
                : file == null ? "Unknown Source" : line == null ? file : file + ":" + line;
        return className + "." + method + "(" + place + ")";
    }
}
