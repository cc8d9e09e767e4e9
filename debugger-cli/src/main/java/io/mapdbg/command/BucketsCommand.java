package io.mapdbg.command;

import io.mapdbg.backend.MapReference;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Result;
import io.mapdbg.service.BucketsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "buckets", aliases = {"layout", "b"},
        description = {"Show a map's bucket layout: table, bin-length histogram, longest chains, tree bins, integrity.",
                "",
                "MAPREF is @id (from maps), $N (a REPL result) or a static path com.acme.Cls.FIELD[.field...].",
                "",
                "For a ConcurrentHashMap also ForwardingNodes, ReservationNodes (bins held by computeIfAbsent), "
                        + "TreeBin lock states and the resize state. The integrity check reports cycles, entries in "
                        + "the wrong bin, size vs entries walked, and tree bins whose nodes do not link up.",
                "",
                "The target is suspended while the map is walked (a consistent picture) and resumed after; --live "
                        + "walks without suspending. Over JDWP each entry costs a round trip: walks over a second show "
                        + "progress on stderr; --max-entries bounds the walk and keeps capacity and non-empty bins exact.",
                "",
                "--agent (or a session on a JVM without JDWP) walks inside the target with the mapdbg agent instead: "
                        + "one answer, about a second for a million entries end to end; the target is not suspended "
                        + "(as --live). The output says which way served it ([via agent] / [via jdwp]).",
                ""})
public final class BucketsCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "MAPREF", description = "@id, $N or Cls.FIELD[.field...]")
    String mapRef;

    @Option(names = "--bins", paramLabel = "A-B", description = "List bins A to B (inclusive) in detail, up to the table's end; a single index also works. "
            + "A range that starts past the end is refused.")
    String bins;

    @Option(names = "--max-entries", paramLabel = "N", defaultValue = "0",
            description = "Stop walking chains after N entries (0 = walk everything, the default).")
    long maxEntries;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "5", description = "How many of the longest chains to show (default ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--chain-entries", paramLabel = "N", defaultValue = "8", description = "Entries shown per chain (default ${DEFAULT-VALUE}).")
    int chainEntries;

    @Option(names = "--preview", paramLabel = "CHARS", defaultValue = "60", description = "Bound on each key/value preview (default ${DEFAULT-VALUE}).")
    int preview;

    @Option(names = "--live", description = "Walk without suspending the target (the picture may be inconsistent).")
    boolean live;

    @Option(names = "--agent", description = "Walk inside the target with the mapdbg agent (loaded through the Attach API "
            + "if it is not running yet): milliseconds for a million entries, without suspending the target.")
    boolean agent;

    @Override
    public void check() {
        reference();
        parseBins(bins);
        if (maxEntries < 0 || chains < 0 || chainEntries < 0 || preview < 8) {
            throw new CommandException("buckets: --max-entries, --chains and --chain-entries take 0 or more, --preview at least 8", 2);
        }
    }

    private MapReference reference() {
        return MapPaths.check("buckets", mapRef);
    }

    @Override
    public Result run(CommandContext context) {
        check();
        MapReference ref = reference();
        int[] range = parseBins(bins);
        WalkOptions options = new WalkOptions(maxEntries, chains, chainEntries, preview, range[0], range[1]);
        BucketLayout layout = new BucketsService(context.backend(agent)).layout(ref, options, !live,
                context.progress("walking " + mapRef, "bins", "entries"), bins);
        context.notePaths(java.util.Collections.singletonList(layout.map().path()));
        return layout;
    }

    static int[] parseBins(String text) {
        if (text == null) {
            return new int[] {-1, -1};
        }
        try {
            int dash = text.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? text.trim() : text.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(text.substring(dash + 1).trim());
            if (from < 0 || to < from) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new CommandException("buckets: --bins takes A-B with 0 <= A <= B, not '" + Echo.of(text) + "'", 2);
        }
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
