package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.StackTrace;

/** {@code stack} and {@code thread}: the thread's header, then one frame a line with its arguments. */
final class StackTraceText {
    private StackTraceText() {
    }

    static String render(StackTrace trace) {
        StringBuilder out = new StringBuilder(FrameText.header(trace.thread()));
        String note = FrameText.snapshotNote(trace.snapshot());
        if (!note.isEmpty()) {
            out.append("\n").append(note);
        }
        if (trace.frames().isEmpty()) {
            out.append("\n   (no Java frames)");
        }
        for (FrameInfo f : trace.frames()) {
            out.append('\n').append(FrameText.frameLine(f, f.index() == trace.selectedFrame()));
        }
        if (trace.truncated()) {
            Integer count = trace.thread().frameCount();
            out.append(String.format("%n   … %d more frames", count - trace.frames().size()));
        }
        return out.toString();
    }
}
