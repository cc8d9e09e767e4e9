package io.mapdbg.expr;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.BooleanValue;
import com.sun.jdi.ByteValue;
import com.sun.jdi.CharValue;
import com.sun.jdi.ClassType;
import com.sun.jdi.DoubleValue;
import com.sun.jdi.Field;
import com.sun.jdi.FloatValue;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ShortValue;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import java.util.Map;

/**
 * The values an expression produces. One of: null; a Java Boolean, Character, Byte, Short, Integer, Long, Float or
 * Double (a primitive, read from the target or computed here); a Java String (a literal or a concatenation, which
 * lives only here); or a JDI {@link ObjectReference} (an object in the target, strings and arrays included).
 */
public final class Values {

    private static final Map<String, String> BOXES = Map.of("java.lang.Integer", "int", "java.lang.Long", "long",
            "java.lang.Short", "short", "java.lang.Byte", "byte", "java.lang.Character", "char",
            "java.lang.Boolean", "boolean", "java.lang.Float", "float", "java.lang.Double", "double");

    private Values() {
    }

    /** A JDI value as an expression value. */
    public static Object of(Value v) {
        if (v == null || v instanceof ObjectReference) {
            return v;
        }
        if (v instanceof IntegerValue i) {
            return i.value();
        }
        if (v instanceof LongValue l) {
            return l.value();
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        if (v instanceof CharValue c) {
            return c.value();
        }
        if (v instanceof ByteValue b) {
            return b.value();
        }
        if (v instanceof ShortValue s) {
            return s.value();
        }
        if (v instanceof FloatValue f) {
            return f.value();
        }
        if (v instanceof DoubleValue d) {
            return d.value();
        }
        throw new IllegalArgumentException("no expression value for a " + v.type().name());
    }

    /** Java's type name: int, java.lang.String, java.util.HashMap$Node[], or null. */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof ObjectReference o) {
            return o.referenceType().name();
        }
        if (v instanceof String) {
            return "java.lang.String";
        }
        String primitive = BOXES.get(v.getClass().getName());
        return primitive != null ? primitive : v.getClass().getName();
    }

    /** A primitive here (not an object in the target or a String). */
    static boolean isPrimitive(Object v) {
        return v != null && BOXES.containsKey(v.getClass().getName());
    }

    static boolean isString(Object v) {
        return v instanceof String || v instanceof StringReference;
    }

    /** The contents of a String value (literal or StringReference); one round trip for the latter. */
    static String string(Object v) {
        return v instanceof StringReference s ? s.value() : (String) v;
    }

    /** A boxed Integer, Long, ... in the target as its primitive; anything else unchanged. */
    static Object unbox(Object v) {
        if (v instanceof ObjectReference o && !(v instanceof StringReference) && !(v instanceof ArrayReference)) {
            ReferenceType type = o.referenceType();
            if (BOXES.containsKey(type.name())) {
                Field value = type.fieldByName("value");
                return of(o.getValue(value));
            }
        }
        return v;
    }

    /** The field of that name declared in declaringClass or, when null, the nearest one visible from the object's class. */
    static Field field(ObjectReference o, String declaringClass, String name) {
        ReferenceType type = o.referenceType();
        if (declaringClass == null) {
            return type.fieldByName(name);
        }
        for (ClassType c = type instanceof ClassType ct ? ct : null; c != null; c = c.superclass()) {
            if (c.name().equals(declaringClass)) {
                return c.fieldByName(name);
            }
        }
        return null;
    }

    /** Reads a field, static or not. */
    static Object read(ObjectReference o, Field f) {
        return of(f.isStatic() ? f.declaringType().getValue(f) : o.getValue(f));
    }

    /** Whether the object's class is or extends the named class. */
    static boolean extendsClass(ObjectReference o, String className) {
        for (ClassType c = o.referenceType() instanceof ClassType ct ? ct : null; c != null; c = c.superclass()) {
            if (c.name().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
