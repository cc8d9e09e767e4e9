package io.mapdbg.service;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.backend.jdwp.JdwpMapReferences;
import io.mapdbg.breakpoints.Breakpoints;
import io.mapdbg.breakpoints.RunLimits;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointList;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.Continued;
import io.mapdbg.model.RunReport;
import io.mapdbg.session.JdiHeapObject;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Breakpoints and traces over JDWP, for break, trace, cond, on, clear, clearall, breakpoints, continue and run: the
 * map and thread the user named are resolved to the target's objects, then armed. The breakpoints are the
 * session's, made when first needed. A name that names no breakpoint, a location or condition that does not parse:
 * IllegalArgumentException, which the command words.
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
                        boolean json, boolean writesOnly) {
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
    public Filters filters(String command, String mapRef, JdwpMapReferences maps, String threadRef) {
        ObjectReference map = null;
        String path = null;
        if (mapRef != null) {
            JdwpMapReferences.Resolved resolved = maps.resolve(mapRef);
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
                f.thread, s.count(), s.condition(), s.json(), s.writesOnly()));
    }

    public BreakpointList list() {
        return breakpoints.get().list();
    }

    /** cond: text is the condition's source, blank to remove it. */
    public BreakpointInfo condition(String name, String text) {
        return breakpoints.get().condition(name, text);
    }

    /** on: a command line run at each hit. */
    public BreakpointInfo on(String name, String commandLine) {
        return breakpoints.get().on(name, commandLine);
    }

    public BreakpointsCleared clear(String name) {
        return breakpoints.get().clear(name);
    }

    /** Every breakpoint and trace out, every thread they stopped resumed. */
    public BreakpointsCleared clearAll() {
        return breakpoints.get().clearAll();
    }

    /** continue: resumes the stopped threads; with wait, returns at the next stop (or when nothing is left to wait for). */
    public Continued resume(boolean wait) {
        return breakpoints.get().resume(wait);
    }

    /** run: handles hits until a bound (null: none of its own) or the script's limits is reached. */
    public RunReport run(Duration duration, Long hits, RunLimits limits) {
        return breakpoints.get().run(duration, hits, limits);
    }
}
