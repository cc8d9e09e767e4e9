package io.mapdbg.breakpoints;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ThreadRef;
import io.mapdbg.session.JdiHeapObject;
import io.mapdbg.session.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads what a hit reports from the stopped thread: map, key and value previews, caller, table lengths. */
final class HitReader {
    static final int PREVIEW = 60;
    private static final int CALLER_DEPTH = 24;
    private static final int PATH_LOOKUPS = 64; // a static-field scan per map: bounded per session

    private final Session session;
    private final Map<Long, String> paths = new ConcurrentHashMap<>(); // uniqueID -> path, "" when none

    HitReader(Session session) {
        this.session = session;
    }

    /** A thread as hits show it: name and Java thread id (jstack's #N), the id threads and --thread use. */
    static ThreadRef thread(Session session, ThreadReference t) {
        return new ThreadRef(t.name(), session.threadId(t));
    }

    /** The map, with its static path looked up once per map (and remembered when the user named one). */
    MapRef map(ObjectReference map, String knownPath) {
        JdiHeapObject mirror = session.mirror(map);
        long unique = map.uniqueID();
        if (knownPath != null) {
            paths.putIfAbsent(unique, knownPath);
        }
        String path = paths.get(unique);
        if (path == null && paths.size() < PATH_LOOKUPS) {
            path = session.staticHoldersOf(List.of(mirror)).getOrDefault(mirror.id(), "");
            paths.put(unique, path);
        }
        return new MapRef(mirror.id(), map.referenceType().name(), path == null || path.isEmpty() ? null : path);
    }

    /** A bounded preview of an argument value; null for a missing argument. */
    String preview(Value v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof ObjectReference o) {
            return session.mirror(o).preview(PREVIEW);
        }
        return v.toString();
    }

    /** Arguments by name for conditions: key and value where the map method has them, else arg0, arg1... */
    static Map<String, Value> named(List<Value> args, MapMethod m) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            out.put("arg" + i, args.get(i));
        }
        if (m != null && m.keyArg() >= 0 && m.keyArg() < args.size()) {
            out.put("key", args.get(m.keyArg()));
        }
        if (m != null && m.valueArg() >= 0 && m.valueArg() < args.size()) {
            out.put("value", args.get(m.valueArg()));
        }
        return out;
    }

    /** The first frame outside java.util (and java.util.concurrent): who wrote. */
    static String caller(ThreadReference thread) {
        try {
            int n = Math.min(thread.frameCount(), CALLER_DEPTH);
            for (StackFrame f : thread.frames(0, n)) {
                Location at = f.location();
                String cls = at.declaringType().name();
                if (!cls.startsWith("java.util.")) {
                    return where(at);
                }
            }
            return null;
        } catch (IncompatibleThreadStateException e) {
            return null;
        }
    }

    static String where(Location at) {
        int line = at.lineNumber();
        return at.declaringType().name() + "." + at.method().name() + (line > 0 ? ":" + line : "");
    }

    /** Length of the map's table (0 before the first put); during a ConcurrentHashMap resize, of nextTable. */
    Integer tableLength(ObjectReference map, boolean preferNext) {
        HeapObject mirror = session.mirror(map);
        List<String> hierarchy = mirror.classHierarchy();
        String declaring = hierarchy.contains("java.util.concurrent.ConcurrentHashMap")
                ? "java.util.concurrent.ConcurrentHashMap" : hierarchy.contains("java.util.HashMap") ? "java.util.HashMap" : null;
        if (declaring == null) {
            return null;
        }
        Map<String, Object> f = preferNext && declaring.startsWith("java.util.concurrent")
                ? mirror.read(declaring, "table", "nextTable") : mirror.read(declaring, "table");
        Object next = f.get("nextTable");
        if (next instanceof HeapObject n) {
            return n.arrayLength();
        }
        return f.get("table") instanceof HeapObject t ? t.arrayLength() : 0;
    }

    static Integer length(Value v) {
        return v instanceof ArrayReference a ? a.length() : null;
    }
}
