package io.mapdbg.agent.hooks;

/**
 * Which hooks a hooked class gets woven in, decided by what is watched (see {@link HookWeaver#weave}): one value,
 * kept by the transformer for the next retransformation and by {@link WriteHooks} to tell when it changed.
 */
final class WeaveMode {
    /** The entry hook {@code MapHook.enter} (trace, break and races on watched maps; not needed by races --all alone). */
    final boolean entryCalls;
    /** The exit hook {@code MapHook.exit(this)} (races on watched maps). */
    final boolean exitCalls;
    /** The writer cells of races --all at entries (and the wrap of the hot maps' writes). */
    final boolean cells;
    /** The one-comparison gates ({@code enterOne}/{@code exitOne}), right while the only watched map is w0. */
    final boolean one;

    WeaveMode(boolean entryCalls, boolean exitCalls, boolean cells, boolean one) {
        this.entryCalls = entryCalls;
        this.exitCalls = exitCalls;
        this.cells = cells;
        this.one = one;
    }

    /** Races of any kind: the sites of races (HashMap's public puts rather than putVal) are the ones woven. */
    boolean raceSites() {
        return exitCalls || cells;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeaveMode)) {
            return false;
        }
        WeaveMode m = (WeaveMode) o;
        return entryCalls == m.entryCalls && exitCalls == m.exitCalls && cells == m.cells && one == m.one;
    }

    @Override
    public int hashCode() {
        return (entryCalls ? 8 : 0) | (exitCalls ? 4 : 0) | (cells ? 2 : 0) | (one ? 1 : 0);
    }

    @Override
    public String toString() {
        return "WeaveMode[entryCalls=" + entryCalls + ", exitCalls=" + exitCalls + ", cells=" + cells + ", one=" + one
                + "]";
    }
}
