package io.mapdbg.command;

import io.mapdbg.backend.CensusOptions;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.MapSummary;
import io.mapdbg.model.Result;
import io.mapdbg.service.MapsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maps", aliases = {"census"},
        description = {"Count the map instances in the heap per exact class and list the largest ones.",
                "",
                "Families: HashMap, LinkedHashMap, ConcurrentHashMap, Hashtable (and Properties), WeakHashMap, "
                        + "IdentityHashMap, Collections.synchronizedMap wrappers, and application subclasses of these. "
                        + "Each listed map shows its object id (@123, a map reference for later commands) and, when a "
                        + "static field of a loaded class holds it, its path (com.acme.Orders.BY_ID).",
                "",
                "Through the agent (--agent, or a JVM without JDWP) the list holds the maps that static fields of "
                        + "loaded classes reach (and the fields of objects application statics hold): not a full heap "
                        + "census, and the output says so.",
                ""})
public final class MapsCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--class", paramLabel = "NAME",
            description = "Only maps of this class: a binary name (java.util.HashMap), a simple name (HashMap) or a prefix ending in * (com.acme.*).")
    String className;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many maps to list (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-size", paramLabel = "N", defaultValue = "0", description = "Only maps with at least N entries.")
    long minSize;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "size", completionCandidates = ChoiceCompleter.MapSortKeys.class,
            description = "Order of the list: size, capacity or collisions (size minus non-empty bins; reads each candidate's table). Default ${DEFAULT-VALUE}.")
    String sort;

    @Option(names = "--agent", description = "List through the mapdbg agent (loaded if needed): the maps static fields "
            + "reach, not every instance in the heap.")
    boolean agent;

    @Override
    public void check() {
        order();
    }

    private CensusOptions.Sort order() {
        if (top < 0) {
            throw new CommandException("maps: --top must be 0 or more", 2);
        }
        if (minSize < 0) {
            throw new CommandException("maps: --min-size must be 0 or more", 2);
        }
        if (className != null && (className.length() > MapPaths.MAX_CHARS || !Echo.printable(className))) {
            throw new CommandException("maps: --class '" + Echo.of(className) + "' is not a class name", 2);
        }
        return switch (sort) {
            case "size" -> CensusOptions.Sort.SIZE;
            case "capacity" -> CensusOptions.Sort.CAPACITY;
            case "collisions" -> CensusOptions.Sort.COLLISIONS;
            default -> throw new CommandException("maps: --sort takes size, capacity or collisions, not '" + Echo.of(sort) + "'", 2);
        };
    }

    @Override
    public Result run(CommandContext context) {
        CensusOptions.Sort order = order();
        CensusOptions options = new CensusOptions(className, top, minSize, order);
        MapCensus census = new MapsService(context.backend(agent)).census(options,
                context.progress("reading maps", "maps", null));
        context.notePaths(census.top().stream().map(MapSummary::path).toList());
        return census;
    }

    /** Served by either backend (JDWP or the mapdbg agent). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
