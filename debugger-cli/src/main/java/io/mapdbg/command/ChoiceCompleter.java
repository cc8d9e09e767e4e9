package io.mapdbg.command;

import java.util.Iterator;
import java.util.List;

/**
 * Fixed values of an option, named in its annotation ({@code completionCandidates = ChoiceCompleter.X.class}):
 * picocli lists them in the usage text, and the REPL offers them on Tab.
 */
final class ChoiceCompleter {
    private ChoiceCompleter() {
    }

    /** threads --state. */
    static final class ThreadStates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "NEW", "TERMINATED", "all").iterator();
        }
    }

    /** maps --sort. */
    static final class MapSortKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("size", "capacity", "collisions").iterator();
        }
    }
}
