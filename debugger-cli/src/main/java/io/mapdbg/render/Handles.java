package io.mapdbg.render;

/**
 * The REPL's $N handles as a view needs them: the number shown before a map, so later commands can name it. The
 * front end passes its value history's {@code handleFor}; one-shot commands pass none.
 */
@FunctionalInterface
public interface Handles {
    int handleFor(long objectId);
}
