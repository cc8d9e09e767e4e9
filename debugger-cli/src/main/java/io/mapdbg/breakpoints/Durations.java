package io.mapdbg.breakpoints;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them in scripts and options: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses a duration; IllegalArgumentException with a one-line reason when it is not one. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
        }
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        if (millis < 1 || millis > 366d * 24 * 3_600_000) {
            throw new IllegalArgumentException("'" + text + "' is out of range (1ms to 366 days)");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    public static boolean isDuration(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The shortest of the forms above that says d exactly. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
