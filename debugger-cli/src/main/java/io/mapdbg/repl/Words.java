package io.mapdbg.repl;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words: blanks separate, '…' and "…" quote, backslash escapes, # starts a comment. */
public final class Words {
    private Words() {
    }

    public static List<String> split(String line) {
        return splitKeepingSource(line).words();
    }

    /** The words, and each word as it was written (quotes and escapes kept): expressions need their quotes. */
    public record Split(List<String> words, List<String> source) {
    }

    public static Split splitKeepingSource(String line) {
        List<String> words = new ArrayList<>();
        List<String> source = new ArrayList<>();
        int start = 0;
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                if (!inWord) {
                    start = i;
                }
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                if (!inWord) {
                    start = i;
                }
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    source.add(line.substring(start, i));
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else {
                if (!inWord) {
                    start = i;
                }
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " quote at column " + (line.lastIndexOf(quote) + 1));
        }
        if (inWord) {
            words.add(word.toString());
            source.add(line.substring(start).stripTrailing());
        }
        return new Split(words, source);
    }
}
