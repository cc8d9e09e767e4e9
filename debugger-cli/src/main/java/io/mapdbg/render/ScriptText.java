package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.RunReport;
import io.mapdbg.model.ThreadOrigin;

/** Text for what scripts add: the line that ends a run, and where a thread was started. */
final class ScriptText {
    private ScriptText() {
    }

    static String run(RunReport r) {
        String why = switch (r.outcome()) {
            case "duration" -> "time is up";
            case "hits" -> r.hits() + (r.hits() == 1 ? " hit" : " hits") + " reached";
            case "limit" -> (r.limit() == null ? "a limit of the script" : r.limit()) + " reached";
            case "nothing-armed" -> "no breakpoint left armed";
            case "interrupted" -> "interrupted";
            case "target-exited" -> "the target exited";
            default -> r.outcome();
        };
        StringBuilder s = new StringBuilder("run: ").append(r.hits()).append(r.hits() == 1 ? " hit" : " hits")
                .append(String.format(" in %.1f s (%s)", r.millis() / 1000.0, why));
        if (r.stop() != null) {
            s.append("; stopped at ").append(r.stop().breakpoint()).append(" in ").append(r.stop().thread().name())
                    .append(" (run or continue resumes it)");
        }
        if (r.dropped() > 0) {
            s.append(String.format("; %,d trace events dropped so far (printer could not keep up)", r.dropped()));
        }
        return s.toString();
    }

    static String origin(ThreadOrigin o) {
        StringBuilder s = new StringBuilder("origin of ").append(o.thread().name()).append(" (#").append(o.thread().id()).append("): ");
        if (!o.recorded()) {
            return s.append(o.note()).toString();
        }
        s.append("started by ").append(o.startedBy().name()).append(" (#").append(o.startedBy().id()).append(") at");
        for (FrameInfo f : o.frames()) {
            s.append("\n  #").append(f.index()).append(' ').append(f.where());
        }
        if (o.truncated()) {
            s.append("\n  ...");
        }
        return s.toString();
    }
}
