package io.mapdbg.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Static paths ({@code com.acme.Orders.BY_ID.inner}) to objects, and the static fields of loaded, initialised
 * classes: what the agent can reach without a heap walk. Classes not initialised yet are never touched.
 */
public final class StaticFields {
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private StaticFields() {
    }

    /** A static reference field's value, with the path that reads it. */
    public static final class Holder {
        public final String path;
        public final Object value;
        public final boolean jdk;

        Holder(String path, Object value, boolean jdk) {
            this.path = path;
            this.value = value;
            this.jdk = jdk;
        }
    }

    /** The agent bounds its own input as the CLI does: a lookup costs (classes x path length). */
    static final int MAX_PATH_CHARS = 1000;
    static final int MAX_PATH_PARTS = 64;

    /** Follows a static path to its object; IllegalArgumentException with a one-line reason otherwise. */
    public static Object resolve(Instrumentation inst, String path) {
        if (path != null && path.length() > MAX_PATH_CHARS) {
            throw new IllegalArgumentException("not a static path: longer than " + MAX_PATH_CHARS + " characters");
        }
        String[] parts = path == null ? new String[0] : path.trim().split("\\.", -1);
        if (parts.length > MAX_PATH_PARTS) {
            throw new IllegalArgumentException("not a static path: more than " + MAX_PATH_PARTS + " names");
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                parts = new String[0];
            }
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a static path: '" + path + "' (expected com.acme.Cls.FIELD[.field...])");
        }
        String joined = path.trim();
        Class<?> best = null;
        int bestParts = 0;
        int bestNested = Integer.MAX_VALUE;
        // one pass over the loaded classes (it was one per prefix and nesting: cubic in the path's length): the class
        // naming the most leading parts wins, '.' read as '$' for nested classes, the fewest of those first
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName();
            if (name.length() >= joined.length() || joined.charAt(name.length()) != '.') {
                continue;
            }
            int nested = 0;
            int dots = 0;
            boolean same = true;
            for (int i = 0; i < name.length() && same; i++) {
                char a = name.charAt(i);
                char b = joined.charAt(i);
                if (b == '.') {
                    dots++;
                }
                if (a == '$' && b == '.') {
                    nested++;
                } else if (a != b) {
                    same = false;
                }
            }
            int classParts = dots + 1;
            if (same && (classParts > bestParts || (classParts == bestParts && nested < bestNested))) {
                best = c;
                bestParts = classParts;
                bestNested = nested;
            }
        }
        if (best != null) {
            return follow(best, parts, bestParts);
        }
        throw new IllegalArgumentException("no loaded class in '" + path + "'");
    }

    private static Object follow(Class<?> c, String[] parts, int classParts) {
        String className = displayName(c.getName());
        if (!ClassInit.initialized(c)) {
            throw new IllegalArgumentException("class " + className + " is not initialised yet: its statics hold nothing");
        }
        Field f = find(c, parts[classParts]);
        if (f == null || !Modifier.isStatic(f.getModifiers())) {
            throw new IllegalArgumentException("class " + className + " has no static field " + parts[classParts]);
        }
        Object value = read(f, null);
        String sofar = className + "." + f.getName();
        for (int i = classParts + 1; ; i++) {
            if (value == null) {
                throw new IllegalArgumentException(sofar + " is null");
            }
            if (f.getType().isPrimitive()) {
                throw new IllegalArgumentException(sofar + " is a " + f.getType().getName() + ", not an object");
            }
            if (i == parts.length) {
                return value;
            }
            Field next = find(value.getClass(), parts[i]);
            if (next == null) {
                throw new IllegalArgumentException("field " + parts[i] + " not found in " + value.getClass().getName());
            }
            f = next;
            value = read(f, Modifier.isStatic(f.getModifiers()) ? null : value);
            sofar = sofar + "." + parts[i];
        }
    }

    private static Field find(Class<?> c, String name) {
        long uncached = ReflectionCaches.uncached(c);
        try {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (f.getName().equals(name)) {
                        return f;
                    }
                }
            }
            return null;
        } finally {
            ReflectionCaches.restore(c, uncached);
        }
    }

    private static Object read(Field f, Object o) {
        try {
            ModuleAccess.open(f.getDeclaringClass());
            f.setAccessible(true);
            return f.get(o);
        } catch (Throwable e) {
            throw new IllegalArgumentException("cannot read " + f.getDeclaringClass().getName() + "." + f.getName()
                    + ": " + e.getMessage());
        }
    }

    /**
     * Every non-null static reference field of the loaded, initialised, nameable classes whose value passes the
     * filter (fields of closed modules other than the ones the agent opened are skipped).
     */
    public static List<Holder> statics(Instrumentation inst, Filter filter) {
        List<Holder> found = new ArrayList<Holder>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            Fields e = FIELDS.get(c);
            Scan scan = e.scan(c);
            if (scan == null) {
                continue;
            }
            for (int i = 0; i < scan.fields.length; i++) {
                Object value;
                try {
                    value = scan.fields[i].get(null);
                } catch (Throwable t) {
                    continue;
                }
                if (value != null && filter.accept(value)) {
                    found.add(new Holder(scan.paths[i], value, e.jdk));
                }
            }
        }
        return found;
    }

    /**
     * Per class, its readable static reference fields, found once it is initialised (a class found uninitialised is
     * asked again next time). Only the field list is cached: values are read on every call, so a map stored in a
     * static after an earlier scan is still found. The cache belongs to the client session served (see
     * {@link SessionClassCache}): it goes with its client.
     */
    static final int MAX_CACHED_CLASSES = 16384;

    private static final SessionClassCache<Fields> FIELDS = new SessionClassCache<Fields>(MAX_CACHED_CLASSES,
            new SessionClassCache.Compute<Fields>() {
                @Override
                public Fields of(Class<?> c) {
                    return new Fields(c);
                }
            });

    /** One class's readable static reference fields and their paths. */
    private static final class Scan {
        final Field[] fields;
        final String[] paths;
        /** ModuleAccess.opened when some field could not be made accessible, else -1: rescan once it moves. */
        final int closedAt;

        Scan(Field[] fields, String[] paths, int closedAt) {
            this.fields = fields;
            this.paths = paths;
            this.closedAt = closedAt;
        }
    }

    private static final class Fields {
        private final boolean skip;
        final boolean jdk;
        private volatile Scan scan;

        Fields(Class<?> c) {
            String name = c.getName();
            skip = c.isArray() || c.isPrimitive() || name.indexOf('/') >= 0;
            jdk = isJdk(name);
        }

        /** The class's scan, or null while it is skipped or not initialised. */
        Scan scan(Class<?> c) {
            if (skip) {
                return null;
            }
            Scan s = scan;
            if (s != null && (s.closedAt == -1 || s.closedAt == ModuleAccess.opened)) {
                return s;
            }
            if (!ClassInit.initialized(c)) {
                return null;
            }
            List<Field> readable = new ArrayList<Field>();
            int openedNow = ModuleAccess.opened;
            boolean closed = false;
            long uncached = ReflectionCaches.uncached(c);
            try {
                for (Field d : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(d.getModifiers()) || d.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        d.setAccessible(true);
                        readable.add(d);
                    } catch (Throwable t) {
                        closed = true; // a field of a closed module: readable once the agent opens its package
                    }
                }
            } catch (Throwable t) {
                // a class whose field types cannot be resolved
            } finally {
                ReflectionCaches.restore(c, uncached); // the JDK's cache as it was: our copies are kept above
            }
            String display = displayName(c.getName());
            String[] p = new String[readable.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = display + "." + readable.get(i).getName();
            }
            s = new Scan(readable.toArray(new Field[0]), p, closed ? openedNow : -1);
            scan = s;
            return s;
        }
    }

    /** Which static values to keep. */
    public interface Filter {
        boolean accept(Object value);
    }

    /** Application holders first, then the shorter path, then alphabetical (as the JDWP path picks). */
    public static boolean preferred(String a, String b) {
        boolean ja = isJdk(a);
        boolean jb = isJdk(b);
        if (ja != jb) {
            return !ja;
        }
        if (a.length() != b.length()) {
            return a.length() < b.length();
        }
        return a.compareTo(b) <= 0;
    }

    static boolean isJdk(String name) {
        for (String p : JDK_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code com.acme.Outer$Inner} as users write it, {@code com.acme.Outer.Inner}, where that reads back. */
    public static String displayName(String binaryName) {
        if (binaryName.contains("$$") || binaryName.endsWith("$") || binaryName.contains(".$") || binaryName.startsWith("$")) {
            return binaryName;
        }
        return binaryName.replace('$', '.');
    }
}
