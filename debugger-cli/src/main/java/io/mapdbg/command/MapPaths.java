package io.mapdbg.command;

import io.mapdbg.backend.MapReference;

/**
 * A map reference checked before anything is attached or loaded, the same on every path (exit 2): the grammar is
 * {@link MapReference}'s; this puts the command's name in front of what is wrong.
 */
public final class MapPaths {
    public static final int MAX_SEGMENTS = MapReference.MAX_SEGMENTS;
    public static final int MAX_CHARS = MapReference.MAX_CHARS;

    private MapPaths() {
    }

    /** The parsed reference, or CommandException (exit 2) naming what is wrong with ref; the command leads the line. */
    public static MapReference check(String command, String ref) {
        try {
            return MapReference.parse(ref);
        } catch (MapReference.Malformed e) {
            throw new CommandException(command + ": '" + Echo.of(ref) + "' is not a map reference: "
                    + e.why(Echo::of), 2);
        }
    }
}
