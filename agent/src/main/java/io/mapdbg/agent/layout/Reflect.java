package io.mapdbg.agent.layout;

import io.mapdbg.agent.ModuleAccess;

import java.lang.reflect.Field;

/** Reflective reads of JDK internals, after the agent opened their packages to itself. */
final class Reflect {
    private Reflect() {
    }

    /** The field declared in c or a superclass; IllegalStateException when there is none or it cannot be opened. */
    static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                ModuleAccess.open(k);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException e) { // InaccessibleObjectException on 9+, a RuntimeException
                throw new IllegalStateException("cannot read " + k.getName() + "." + name + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(c.getName() + " has no field " + name);
    }

    /** A field that may not exist in this JDK (null then). */
    static Field optionalField(Class<?> c, String name) {
        try {
            return field(c, name);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + name + " in this JDK");
        }
    }

    static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static int getInt(Field f, Object o) {
        try {
            return f.getInt(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static long getLong(Field f, Object o) {
        try {
            return ((Number) f.get(o)).longValue();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
