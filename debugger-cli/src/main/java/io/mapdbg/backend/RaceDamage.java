package io.mapdbg.backend;

import io.mapdbg.model.Race;
import io.mapdbg.model.TreeCheck;

/** The damage check that follows a race, the same on both ways in: bounded walks, a TreeMap's check as damage. */
public final class RaceDamage {
    /** Bound on each damage walk: enough for the maps a race watch is about, and a few seconds at most. */
    public static final long MAX_ENTRIES = 50_000;

    private RaceDamage() {
    }

    /** A TreeMap's check as a race's damage. */
    public static Race.Damage of(TreeCheck check) {
        String note = !check.complete() ? "walk bounded at " + MAX_ENTRIES + " nodes"
                : check.size() < 0 ? "the map was written during the walk: its size is not held against the tree" : null;
        return new Race.Damage(true, check.ok(), check.size() < 0 ? null : check.size(), check.walked(),
                check.problems(), note);
    }
}
