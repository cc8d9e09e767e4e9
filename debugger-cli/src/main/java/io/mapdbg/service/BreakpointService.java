package io.mapdbg.service;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.breakpoints.Breakpoints;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.session.JdiHeapObject;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;

import java.util.function.Supplier;

/**
 * {@code break} and {@code trace} over JDWP: the map and thread the user named are resolved to the target's
 * objects, then armed as a breakpoint. The breakpoints are the session's, made when first needed.
 */
public final class BreakpointService {
    /** The --map and --thread of a breakpoint, resolved; opaque to commands. */
    public static final class Filters {
        private final ObjectReference map;
        private final String mapPath;
        private final ThreadReference thread;

        private Filters(ObjectReference map, String mapPath, ThreadReference thread) {
            this.map = map;
            this.mapPath = mapPath;
            this.thread = thread;
        }

        /** The same filters, hits naming the map by this path (a map the agent's hook watches, no instance filter). */
        public Filters withPath(String path) {
            return new Filters(map, path, thread);
        }
    }

    /** What the user asked for, filters resolved: condition is the source text of what followed 'if', or null. */
    public record Setup(String name, boolean stop, String location, Filters filters, Integer count, String condition,
                        boolean json) {
    }

    private final Session session;
    private final Supplier<Breakpoints> breakpoints;

    public BreakpointService(Session session, Supplier<Breakpoints> breakpoints) {
        this.session = session;
        this.breakpoints = breakpoints;
    }

    /**
     * Resolves --map (null: none) through maps, then --thread (null: none; the Java thread id threads lists, @jdiId
     * or the exact name). command names the command in errors.
     */
    public Filters filters(String command, String mapRef, MapReferences maps, String threadRef) {
        ObjectReference map = null;
        String path = null;
        if (mapRef != null) {
            MapReferences.Resolved resolved = maps.resolve(mapRef);
            if (!(resolved.object() instanceof JdiHeapObject j)) {
                throw new TargetException(command + ": " + mapRef + " is not an object of this connection");
            }
            map = j.reference();
            path = resolved.path();
        }
        ThreadReference thread = threadRef == null ? null : new ThreadService(session).find(threadRef);
        return new Filters(map, path, thread);
    }

    /** Arms it; IllegalArgumentException for a location or condition that does not parse (a usage error). */
    public BreakpointInfo set(Setup s) {
        Filters f = s.filters();
        return breakpoints.get().set(new Breakpoints.Request(s.name(), s.stop(), s.location(), f.map, f.mapPath,
                f.thread, s.count(), s.condition(), s.json()));
    }
}
