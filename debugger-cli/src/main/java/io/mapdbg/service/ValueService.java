package io.mapdbg.service;

import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.expr.Evaluator;
import io.mapdbg.expr.Expr;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.expr.Scope;
import io.mapdbg.expr.Values;
import io.mapdbg.model.Printed;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;

/**
 * {@code print}: an expression evaluated in the selected frame of the focused thread, or without a thread when
 * none is focused (literals and static fields), as a bounded preview.
 */
public final class ValueService {
    public static final String NEEDS_THREAD = "print needs a stopped thread: stop at a breakpoint or select one with thread <id>";

    private final Session session;

    public ValueService(Session session) {
        this.session = session;
    }

    /**
     * The value of expr (parsed from text), shown in at most preview characters. invoke: whether evaluation may
     * run code in the target (invoke on).
     */
    public Printed print(String text, Expr expr, boolean invoke, int preview) {
        ThreadReference thread = session.focus().thread().orElse(null);
        return session.call("evaluating " + text, () -> {
            Scope scope;
            String where = null;
            if (thread == null) {
                scope = Scope.global(session.vm(), invoke);
            } else {
                StackFrame frame = frame(thread, session.focus().frame());
                Location at = frame.location();
                where = at.declaringType().name() + "." + at.method().name() + " line " + at.lineNumber()
                        + ", thread " + thread.name();
                scope = Scope.of(frame, invoke);
            }
            try {
                return printed(text, Evaluator.evaluate(expr, scope), where, preview);
            } catch (ExpressionException e) {
                throw new TargetException(e.needsFrame() ? NEEDS_THREAD + " (" + e.getMessage() + ")"
                        : "print: " + e.getMessage());
            }
        });
    }

    private static StackFrame frame(ThreadReference thread, int index) {
        if (!thread.isSuspended()) {
            throw new TargetException(NEEDS_THREAD + " (thread " + thread.name() + " is running)");
        }
        try {
            int count = thread.frameCount();
            if (index >= count) {
                throw new TargetException("print: frame " + index + " does not exist: thread " + thread.name()
                        + " has " + count + " frames");
            }
            return thread.frame(index);
        } catch (IncompatibleThreadStateException e) {
            throw new TargetException(NEEDS_THREAD + " (thread " + thread.name() + " is running)");
        }
    }

    private Printed printed(String text, Object value, String where, int preview) {
        String type = Values.typeName(value);
        if (value instanceof ObjectReference o) {
            var mirror = session.mirror(o);
            Long id = o instanceof StringReference ? null : mirror.id(); // a string reads as its contents
            return new Printed(text, type, mirror.preview(preview), id, where);
        }
        String shown;
        if (value instanceof String s) {
            shown = quoted(s);
        } else if (value instanceof Character c) {
            shown = "'" + c + "'";
        } else {
            shown = String.valueOf(value);
        }
        if (shown.length() > preview) {
            shown = shown.substring(0, Math.max(1, preview - 1)) + "…";
        }
        return new Printed(text, type, shown, null, where);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
