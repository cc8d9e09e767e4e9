package io.mapdbg.expr;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What names mean while an expression is evaluated: {@code this}, the arguments and locals (read once, when the
 * scope is made, because a stack frame goes stale as soon as its thread runs or a method is invoked on it), the
 * class whose statics a bare name may mean, and whether methods may be invoked in the target.
 *
 * @param thread         the thread of the frame; null without a frame (then nothing can be invoked)
 * @param declaringType  the class of the frame's method; null without a frame
 * @param thisObject     null in a static method or without a frame
 * @param variables      arguments then locals, by name; a value may be null (a null reference)
 */
public record Scope(VirtualMachine vm, ThreadReference thread, ReferenceType declaringType, ObjectReference thisObject,
                    Map<String, Value> variables, boolean invokeAllowed) {

    public Scope {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * The scope of a frame of a suspended thread: this, the arguments (named by {@link ArgumentNames}) and, where
     * the class has a local-variable table, the locals. Costs one or two round trips.
     */
    public static Scope of(StackFrame frame, boolean invokeAllowed) {
        Method method = frame.location().method();
        Map<String, Value> variables = new LinkedHashMap<>();
        List<Value> args = frame.getArgumentValues();
        List<String> names = ArgumentNames.of(method, args.size());
        for (int i = 0; i < args.size(); i++) {
            variables.put(names.get(i), args.get(i));
        }
        try {
            List<LocalVariable> locals = new ArrayList<>();
            for (LocalVariable v : frame.visibleVariables()) {
                if (!v.isArgument() && !variables.containsKey(v.name())) {
                    locals.add(v);
                }
            }
            if (!locals.isEmpty()) {
                frame.getValues(locals).forEach((v, value) -> variables.put(v.name(), value));
            }
        } catch (AbsentInformationException e) {
            // no local-variable table (typical of JDK classes): arguments only
        }
        return new Scope(frame.virtualMachine(), frame.thread(), method.declaringType(), frame.thisObject(),
                variables, invokeAllowed);
    }

    /** No frame: literals, static fields ({@code com.acme.Cls.FIELD.size}) and the helpers over them. */
    public static Scope global(VirtualMachine vm, boolean invokeAllowed) {
        return new Scope(vm, null, null, null, Map.of(), invokeAllowed);
    }

    public boolean hasFrame() {
        return thread != null;
    }
}
