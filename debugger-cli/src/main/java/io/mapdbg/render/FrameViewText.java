package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.FrameView;

/** {@code frame <n>}: where the frame is, then its this, arguments and locals, one a line. */
final class FrameViewText {
    private FrameViewText() {
    }

    static String render(FrameView view) {
        FrameInfo f = view.frame();
        StringBuilder out = new StringBuilder(String.format("thread #%d \"%s\", frame #%d %s%n", view.threadId(),
                view.threadName(), f.index(), f.where()));
        String note = FrameText.snapshotNote(view.snapshot());
        if (!note.isEmpty()) {
            out.append(note).append('\n');
        }
        out.append("args:\n");
        out.append(f.arguments().isEmpty() && f.thisObject() == null ? "  (none)\n"
                : FrameText.table(f.arguments(), f.thisObject()));
        out.append("locals:\n");
        if (f.localsNote() != null) {
            out.append("  (").append(f.localsNote()).append(")\n");
        } else {
            out.append(f.locals().isEmpty() ? "  (none)\n" : FrameText.table(f.locals(), null));
        }
        return out.toString().stripTrailing();
    }
}
