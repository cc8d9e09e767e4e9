package io.mapdbg.render;

import io.mapdbg.model.Variables;

/** {@code args} and {@code locals}: one variable a line, name = value (type). */
final class VariablesText {
    private VariablesText() {
    }

    static String render(Variables vars) {
        StringBuilder out = new StringBuilder(String.format("%s of thread #%d \"%s\", frame #%d %s%n", vars.kind(),
                vars.threadId(), vars.threadName(), vars.frame().index(), vars.frame().where()));
        String note = FrameText.snapshotNote(vars.snapshot());
        if (!note.isEmpty()) {
            out.append(note).append('\n');
        }
        boolean withThis = vars.kind().equals("args") ? vars.thisObject() != null : false;
        if (vars.note() != null) {
            out.append("  (").append(vars.note()).append(')');
        } else if (vars.variables().isEmpty() && !withThis) {
            out.append("  (none)");
        } else {
            out.append(FrameText.table(vars.variables(), withThis ? vars.thisObject() : null));
        }
        return out.toString().stripTrailing();
    }
}
