package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.Variable;

import java.util.List;

/** Lines shared by the thread and frame views: a thread header, a frame line, a list of variables. */
final class FrameText {
    private FrameText() {
    }

    /** {@code "fixture-worker-3" #31 daemon WAITING (JDI WAIT)}, as jstack heads a thread. */
    static String header(ThreadInfo t) {
        return "\"" + t.name() + "\" #" + t.id() + (t.daemon() ? " daemon" : "") + " " + t.state()
                + " (JDI " + t.jdiStatus() + ", @" + t.jdiId() + ")";
    }

    /** {@code #2 Cls.method(File.java:12)  key="a", n=3}; marker "=>" for the selected frame. */
    static String frameLine(FrameInfo f, boolean selected) {
        StringBuilder out = new StringBuilder(selected ? "=> " : "   ");
        out.append(String.format("#%-2d %s", f.index(), f.where()));
        if (f.arguments() != null && (!f.arguments().isEmpty() || f.thisObject() != null)) {
            out.append("\n         ");
            if (f.thisObject() != null) {
                out.append("this=").append(value(f.thisObject()));
                if (!f.arguments().isEmpty()) {
                    out.append(", ");
                }
            }
            out.append(inline(f.arguments()));
        }
        if (f.locals() != null && !f.locals().isEmpty()) {
            out.append("\n         locals: ").append(inline(f.locals()));
        } else if (f.localsNote() != null) {
            out.append("\n         locals: (").append(f.localsNote()).append(')');
        } else if (f.locals() != null) {
            out.append("\n         locals: (none)");
        }
        return out.toString();
    }

    static String inline(List<Variable> vars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < vars.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(vars.get(i).name()).append('=').append(value(vars.get(i)));
        }
        return out.toString();
    }

    /** One variable per line: {@code name  type = value}. */
    static String table(List<Variable> vars, Variable thisObject) {
        int width = 4;
        for (Variable v : vars) {
            width = Math.max(width, v.name().length());
        }
        StringBuilder out = new StringBuilder();
        if (thisObject != null) {
            out.append(String.format("  %-" + width + "s = %s%n", "this", value(thisObject)));
        }
        for (Variable v : vars) {
            out.append(String.format("  %-" + width + "s = %s  (%s)%n", v.name(), value(v), simple(v.type())));
        }
        return out.toString();
    }

    static String value(Variable v) {
        boolean plain = v.id() == null || v.value().startsWith("\"") || v.value().contains("@" + v.id());
        return plain ? v.value() : v.value() + " @" + v.id(); // a string reads as itself; other objects keep their @id
    }

    static String simple(String type) {
        return type == null ? "?" : type.substring(type.lastIndexOf('.') + 1);
    }

    static String snapshotNote(boolean snapshot) {
        return snapshot ? "(the thread was running: suspended for this read only, the values are a snapshot)" : "";
    }
}
