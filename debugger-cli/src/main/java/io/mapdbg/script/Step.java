package io.mapdbg.script;

import java.util.List;

/** One step of a script: a command line, or an {@code on NAME { ... }} block of command lines. Lines and columns from 1. */
public sealed interface Step permits Step.Line, Step.OnBlock {
    int line();

    /** A command as written (text), its words, and each word as typed (quotes kept: expressions need them). */
    record Line(int line, int column, String text, List<String> words, List<String> source) implements Step {
    }

    /** {@code on NAME {} ... {@code }}: each body line becomes an on-command of the breakpoint, in order. */
    record OnBlock(int line, int column, String breakpoint, List<Line> body) implements Step {
    }
}
