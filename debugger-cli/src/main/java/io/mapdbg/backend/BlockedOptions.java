package io.mapdbg.backend;

import java.util.regex.Pattern;

/** Which waits a blocked report shows: idle ones too (allWaits); only waiters in a state (a Thread.State name, or null); named. */
public record BlockedOptions(boolean allWaits, String state, Pattern name) {
    public static final BlockedOptions DEFAULT = new BlockedOptions(false, null, null);
}
