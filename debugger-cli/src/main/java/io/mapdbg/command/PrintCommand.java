package io.mapdbg.command;

import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.expr.Evaluator;
import io.mapdbg.expr.Expr;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.expr.Expressions;
import io.mapdbg.expr.Scope;
import io.mapdbg.expr.Values;
import io.mapdbg.model.Printed;
import io.mapdbg.model.Result;
import io.mapdbg.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "print", aliases = {"p"},
        description = {"Evaluate an expression in the selected frame and print its value.",
                "",
                "Names: this, the arguments (key, value, hash... on the map write paths), locals where the class "
                        + "has them, fields (private ones too: this.table.length), array elements (a[i]), static "
                        + "fields (com.acme.Cls.FIELD.size). Operators as in Java: ! - * / %% + < <= > >= == != "
                        + "&& || instanceof; == on two strings compares their contents. Helpers: len(x) (array, "
                        + "string or map size), hash(key), bin(map, key) (the bin the key goes to).",
                "",
                "Literals and static fields need no stopped thread; anything else reads the frame that a "
                        + "breakpoint stopped at or that thread <id> and frame <n> selected. Nothing is invoked in "
                        + "the target unless invoke is on (then hash() of other keys calls their hashCode()).",
                "",
                "The words are joined with spaces. Quote a string literal for the REPL: print 'key == \"order-42\"'.",
                ""})
public final class PrintCommand implements MapdbgCommand {
    static final String NEEDS_THREAD = "print needs a stopped thread: stop at a breakpoint or select one with thread <id>";

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "1..*", paramLabel = "EXPR", description = "The expression.")
    List<String> words;

    @Option(names = "--preview", paramLabel = "CHARS", defaultValue = "200",
            description = "Bound on the value's preview (default ${DEFAULT-VALUE}).")
    int preview;

    @Override
    public Result run(CommandContext context) {
        String text = context.sourceOf(words);
        Session session = context.requireSession();
        Expr expr;
        try {
            expr = Expressions.parse(text);
        } catch (ExpressionException e) {
            throw new CommandException("print: " + e.getMessage(), 2);
        }
        ThreadReference thread = session.focus().thread().orElse(null);
        boolean invoke = context.invokeAllowed();
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
                return printed(session, text, Evaluator.evaluate(expr, scope), where);
            } catch (ExpressionException e) {
                throw new CommandException(e.needsFrame() ? NEEDS_THREAD + " (" + e.getMessage() + ")"
                        : "print: " + e.getMessage());
            }
        });
    }

    private static StackFrame frame(ThreadReference thread, int index) {
        if (!thread.isSuspended()) {
            throw new CommandException(NEEDS_THREAD + " (thread " + thread.name() + " is running)");
        }
        try {
            int count = thread.frameCount();
            if (index >= count) {
                throw new CommandException("print: frame " + index + " does not exist: thread " + thread.name()
                        + " has " + count + " frames");
            }
            return thread.frame(index);
        } catch (IncompatibleThreadStateException e) {
            throw new CommandException(NEEDS_THREAD + " (thread " + thread.name() + " is running)");
        }
    }

    private Printed printed(Session session, String text, Object value, String where) {
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

    @Override
    public boolean json() {
        return output.json();
    }
}
