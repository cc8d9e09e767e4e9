package io.mapdbg.command;

import picocli.CommandLine.Option;

/** Options every command shares; mixed into each command class. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    public boolean json() {
        return json;
    }
}
