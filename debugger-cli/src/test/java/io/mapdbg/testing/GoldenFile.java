package io.mapdbg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opentest4j.AssertionFailedError;

/**
 * Text compared byte for byte with a file under src/test/resources/golden. After an intended change of the output,
 * rewrite the files with {@code -Dmapdbg.writeGolden=true} (as ScriptGoldenIT does) and review them in the git diff;
 * a mismatch fails with a line diff (- golden, + now) and that instruction.
 */
public final class GoldenFile {
    public static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final int CONTEXT = 2;

    private GoldenFile() {
    }

    /** Compares actual with golden/name (or writes it, with -Dmapdbg.writeGolden=true). The file ends in a newline. */
    public static void check(String name, String actual, String rewrite) {
        Path file = DIR.resolve(name);
        String now = actual.endsWith("\n") ? actual : actual + "\n";
        try {
            if (Boolean.getBoolean("mapdbg.writeGolden")) {
                Files.writeString(file, now, StandardCharsets.UTF_8);
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden file " + file + ": write it with " + rewrite);
            }
            String golden = Files.readString(file, StandardCharsets.UTF_8);
            if (!golden.equals(now)) {
                throw new AssertionFailedError("the text differs from " + file + " (- golden, + now); if the change is"
                        + " intended, rewrite it with " + rewrite + " and review the git diff:\n" + diff(golden, now),
                        golden, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unified-style line diff: changed lines with CONTEXT lines around, "@@ line N" before each hunk. */
    public static String diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1]; // longest common subsequence of the suffixes
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>(); // each line prefixed ' ', '-' or '+', with its line in before
        List<Integer> at = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(" " + a[i]);
                at.add(++i);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("-" + visible(a[i])); // what went before what came in its place
                at.add(++i);
            } else {
                lines.add("+" + visible(b[j++]));
                at.add(i + 1);
            }
        }
        StringBuilder out = new StringBuilder();
        int shownUpTo = -1;
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).charAt(0) == ' ') {
                continue;
            }
            int from = Math.max(shownUpTo + 1, k - CONTEXT);
            if (from > shownUpTo + 1 || shownUpTo < 0) {
                out.append("@@ line ").append(at.get(from)).append('\n');
            }
            int to = k;
            while (to + 1 < lines.size() && nearChange(lines, to + 1)) {
                to++;
            }
            to = Math.min(lines.size() - 1, to + CONTEXT);
            for (int m = from; m <= to; m++) {
                out.append(lines.get(m)).append('\n');
            }
            shownUpTo = to;
            k = to;
        }
        return out.toString();
    }

    /** Whether a change lies within CONTEXT lines from k on (the hunk goes on through it). */
    private static boolean nearChange(List<String> lines, int k) {
        for (int m = k; m < Math.min(lines.size(), k + CONTEXT * 2 + 1); m++) {
            if (lines.get(m).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }

    /** Trailing blanks made visible: a line that differs only there would otherwise look the same. */
    private static String visible(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end) + "·".repeat(line.length() - end);
    }
}
