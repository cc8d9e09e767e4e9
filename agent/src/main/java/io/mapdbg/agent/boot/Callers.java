package io.mapdbg.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Who wrote: the first frame of the writer's stack outside java.util and the agent, as the JDWP path reports it
 * ({@code Class.method:line}). Taken on the writer's thread, so it must be cheap and bounded: on JDK 9+ a
 * StackWalker stream (lazy: only the frames up to the caller are built, at most {@link #DEPTH}), reached through
 * method handles because the agent is Java 8 source; on 8, a Throwable's stack (it costs the whole stack). The
 * frame object is kept as it is and turned into text later, on the draining thread.
 */
public final class Callers {
    /** As deep as the JDWP path looks for its caller. */
    static final int DEPTH = 24;

    private static final Object WALKER;
    private static final MethodHandle WALK; // (walker, Function) -> Object
    private static final MethodHandle CLASS_NAME; // (frame) -> String
    private static final MethodHandle METHOD_NAME;
    private static final MethodHandle LINE; // (frame) -> int
    private static final Function<Stream<Object>, Object> FIRST_OUTSIDE = new Function<Stream<Object>, Object>() {
        @Override
        public Object apply(Stream<Object> frames) {
            Iterator<Object> it = frames.iterator();
            for (int i = 0; i < DEPTH && it.hasNext(); i++) {
                Object f = it.next();
                if (outside(className(f))) {
                    return f;
                }
            }
            return null;
        }
    };

    static {
        Object walker = null;
        MethodHandle walk = null;
        MethodHandle cls = null;
        MethodHandle method = null;
        MethodHandle line = null;
        try {
            Class<?> sw = Class.forName("java.lang.StackWalker");
            Class<?> frame = Class.forName("java.lang.StackWalker$StackFrame");
            MethodHandles.Lookup lookup = MethodHandles.lookup(); // walk is caller-sensitive: not publicLookup()
            // with the class reference a frame's class name is Class.getName (without it, each frame's name is
            // expanded by the VM: measured ~10x dearer per frame on JDK 17)
            Class<?> option = Class.forName("java.lang.StackWalker$Option");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object retain = Enum.valueOf((Class) option, "RETAIN_CLASS_REFERENCE");
            walker = sw.getMethod("getInstance", option).invoke(null, retain);
            walk = lookup.findVirtual(sw, "walk", MethodType.methodType(Object.class, Function.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Function.class));
            MethodType text = MethodType.methodType(String.class, Object.class);
            cls = MethodHandles.filterReturnValue(
                    lookup.findVirtual(frame, "getDeclaringClass", MethodType.methodType(Class.class)),
                    lookup.findVirtual(Class.class, "getName", MethodType.methodType(String.class))).asType(text);
            method = lookup.findVirtual(frame, "getMethodName", MethodType.methodType(String.class)).asType(text);
            line = lookup.findVirtual(frame, "getLineNumber", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
        } catch (Throwable t) {
            walker = null; // Java 8: a Throwable's stack
            why = t.toString();
        }
        WALKER = walker;
        WALK = walk;
        CLASS_NAME = cls;
        METHOD_NAME = method;
        LINE = line;
    }

    private static String why;

    private Callers() {
    }

    /** How callers are found: "StackWalker", or why not. */
    public static String how() {
        return WALKER != null ? "StackWalker" : "Throwable (" + why + ")";
    }

    static boolean outside(String cls) {
        return !cls.startsWith("java.util.") && !cls.startsWith("io.mapdbg.agent.");
    }

    /** The caller's frame (a StackWalker frame, or a StackTraceElement on 8), or null beyond {@link #DEPTH}. */
    static Object capture() {
        try {
            if (WALKER != null) {
                return WALK.invokeExact(WALKER, FIRST_OUTSIDE);
            }
            StackTraceElement[] stack = new Throwable().getStackTrace();
            for (int i = 0; i < stack.length && i < DEPTH + 4; i++) {
                if (outside(stack[i].getClassName())) {
                    return stack[i];
                }
            }
            return null;
        } catch (Throwable t) {
            return null;
        }
    }

    /** {@code Class.method:line} (no line where the class has none), or null. */
    public static String describe(Object frame) {
        if (frame == null) {
            return null;
        }
        try {
            String cls;
            String method;
            int line;
            if (frame instanceof StackTraceElement) {
                StackTraceElement e = (StackTraceElement) frame;
                cls = e.getClassName();
                method = e.getMethodName();
                line = e.getLineNumber();
            } else {
                cls = className(frame);
                method = (String) METHOD_NAME.invokeExact(frame);
                line = (int) LINE.invokeExact(frame);
            }
            return cls + "." + method + (line > 0 ? ":" + line : "");
        } catch (Throwable t) {
            return null;
        }
    }

    private static String className(Object frame) {
        try {
            return (String) CLASS_NAME.invokeExact(frame);
        } catch (Throwable t) {
            return "java.util.?"; // counts as inside: never reported
        }
    }
}
