package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;

/** {@code threads}: one line per thread, like a condensed jstack. */
final class ThreadListText {
    private static final int NAME_WIDTH = 32;

    private ThreadListText() {
    }

    static String render(ThreadList list) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%,d threads", list.total()));
        if (list.matched() != list.total()) {
            out.append(String.format(", %,d match", list.matched()));
        }
        if (list.truncated()) {
            out.append(String.format(", first %,d shown (--top)", list.threads().size()));
        }
        out.append(String.format(" (target paused %d ms)%n", list.pauseMillis()));
        if (list.threads().isEmpty()) {
            return out.append("no thread matches").toString();
        }
        int width = 4;
        for (ThreadInfo t : list.threads()) {
            width = Math.max(width, Math.min(NAME_WIDTH, t.name().length()));
        }
        String row = "  %6s  %-13s %-6s  %-" + width + "s  %s%n";
        out.append(String.format(row, "id", "state", "daemon", "name", "top frame"));
        for (ThreadInfo t : list.threads()) {
            FrameInfo top = t.topFrame();
            String name = t.name().length() > NAME_WIDTH ? t.name().substring(0, NAME_WIDTH - 1) + "…" : t.name();
            out.append(String.format(row, t.id(), t.state(), t.daemon() ? "daemon" : "", name,
                    top == null ? "(no Java frames)" : top.where()));
        }
        return out.toString().stripTrailing();
    }
}
