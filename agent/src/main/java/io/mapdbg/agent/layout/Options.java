package io.mapdbg.agent.layout;

import io.mapdbg.agent.channel.Request;

/** Bounds of a walk, as the buckets command's options (WalkOptions on the CLI side). */
final class Options {
    final long maxEntries;
    final int chains;
    final int chainEntries;
    final int preview;
    final int binsFrom;
    final int binsTo;

    Options(long maxEntries, int chains, int chainEntries, int preview, int binsFrom, int binsTo) {
        this.maxEntries = maxEntries;
        this.chains = chains;
        this.chainEntries = chainEntries;
        this.preview = preview;
        this.binsFrom = binsFrom;
        this.binsTo = binsTo;
    }

    static Options of(Request r) {
        return new Options(r.longArg("maxEntries", 0), r.intArg("chains", 5), r.intArg("chainEntries", 8),
                r.intArg("preview", 60), r.intArg("binsFrom", -1), r.intArg("binsTo", -1));
    }

    /** The same bounds for the shared layout rules. */
    io.mapdbg.layouts.WalkBounds bounds() {
        return new io.mapdbg.layouts.WalkBounds(maxEntries, chains, chainEntries, preview, binsFrom, binsTo);
    }
}
