package io.mapdbg.command;

import java.util.List;

/**
 * A command whose line ends in an expression (a breakpoint's condition): its syntax is checked as written, quotes
 * kept, before anything is attached or armed (scripts, and the one-shot command line).
 */
public interface WithExpression {
    /** The expression's words, the tail of the command's words; empty when there is none. */
    List<String> expressionWords();
}
