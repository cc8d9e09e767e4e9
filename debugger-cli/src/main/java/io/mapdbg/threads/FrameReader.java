package io.mapdbg.threads;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.CharValue;
import com.sun.jdi.InternalException;
import com.sun.jdi.InvalidStackFrameException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.Value;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.Variable;
import io.mapdbg.session.JdiHeapObject;
import io.mapdbg.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns JDI stack frames into {@link FrameInfo}: the location always; arguments, {@code this} and locals on
 * request, as bounded previews. Argument values come from {@code getArgumentValues()}, which needs no
 * local-variable table (JDK classes may lack one); their names come from the table when there is one, else
 * {@code arg0..}.
 */
public final class FrameReader {
    public static final String NO_LOCALS = "no local variable information";
    public static final int PREVIEW_CHARS = 60;

    private final Session session;

    public FrameReader(Session session) {
        this.session = session;
    }

    /** Location only: no value is read. */
    public static FrameInfo location(int index, StackFrame frame) {
        return location(index, frame.location());
    }

    /** Location only, from the location itself (a frame read as a raw JDWP packet). */
    public static FrameInfo location(int index, Location l) {
        Method m = l.method();
        String file;
        try {
            file = l.sourceName();
        } catch (AbsentInformationException e) {
            file = null;
        }
        int line = l.lineNumber();
        return FrameInfo.location(index, l.declaringType().name(), m.name(), file, line >= 0 ? line : null,
                m.isNative());
    }

    public static List<FrameInfo> locations(List<StackFrame> frames) {
        List<FrameInfo> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(location(i, frames.get(i)));
        }
        return out;
    }

    /** The frame with {@code this} and its arguments, and with locals when asked. */
    public FrameInfo withValues(int index, StackFrame frame, boolean locals) {
        FrameInfo at = location(index, frame);
        Variable self = thisObject(frame);
        List<Variable> args = arguments(frame);
        List<Variable> localList = null;
        String note = null;
        if (locals) {
            try {
                localList = locals(frame);
            } catch (AbsentInformationException e) {
                note = NO_LOCALS;
            }
        }
        return new FrameInfo(index, at.className(), at.method(), at.file(), at.line(), at.nativeMethod(), self,
                args, localList, note);
    }

    public Variable thisObject(StackFrame frame) {
        Method m = frame.location().method();
        if (m.isStatic() || m.isNative()) {
            return null; // a native frame's slots cannot be read (JVMTI: opaque frame)
        }
        try {
            ObjectReference self = frame.thisObject();
            return self == null ? null : variable("this", frame.location().declaringType().name(), self);
        } catch (InternalException | InvalidStackFrameException e) {
            return null;
        }
    }

    /** The arguments, named from the local-variable table when it exists, else arg0, arg1...; empty for a native frame. */
    public List<Variable> arguments(StackFrame frame) {
        Method m = frame.location().method();
        if (m.isNative()) {
            return List.of();
        }
        List<String> types = m.argumentTypeNames();
        List<String> names = new ArrayList<>(types.size());
        try {
            for (LocalVariable v : m.arguments()) {
                names.add(v.name());
            }
        } catch (AbsentInformationException e) {
            names.clear();
        }
        if (names.size() != types.size()) {
            names.clear();
            for (int i = 0; i < types.size(); i++) {
                names.add("arg" + i);
            }
        }
        List<Value> values;
        try {
            values = frame.getArgumentValues();
        } catch (InternalException e) {
            return List.of();
        }
        List<Variable> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(variable(names.get(i), types.get(i), values.get(i)));
        }
        return out;
    }

    /** The locals visible at the frame's location, arguments excluded. */
    public List<Variable> locals(StackFrame frame) throws AbsentInformationException {
        if (frame.location().method().isNative()) {
            throw new AbsentInformationException("native method");
        }
        List<LocalVariable> visible = new ArrayList<>();
        for (LocalVariable v : frame.visibleVariables()) {
            if (!v.isArgument()) {
                visible.add(v);
            }
        }
        Map<LocalVariable, Value> values = frame.getValues(visible);
        List<Variable> out = new ArrayList<>(visible.size());
        for (LocalVariable v : visible) {
            out.add(variable(v.name(), v.typeName(), values.get(v)));
        }
        return out;
    }

    private Variable variable(String name, String type, Value value) {
        if (value == null) {
            return new Variable(name, type, "null", null);
        }
        if (value instanceof ObjectReference o) {
            JdiHeapObject mirror = session.mirror(o);
            return new Variable(name, type, mirror.preview(PREVIEW_CHARS), mirror.id());
        }
        if (value instanceof CharValue c) {
            return new Variable(name, type, "'" + c.value() + "'", null);
        }
        return new Variable(name, type, value.toString(), null);
    }
}
