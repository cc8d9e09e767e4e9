package io.mapdbg.render;

import io.mapdbg.model.InvokeSetting;
import io.mapdbg.model.Printed;

/** {@code key = "order-42" (java.lang.String)}; objects add their @id for later commands. */
final class PrintedText {
    private PrintedText() {
    }

    static String render(Printed p) {
        String id = p.id() == null ? "" : " @" + p.id();
        return p.expression() + " = " + p.value() + " (" + p.valueType() + id + ")";
    }

    static String render(InvokeSetting s) {
        return s.allowed()
                ? "invoke on: expressions may invoke hashCode() in the target, on the stopped thread only "
                        + "(it runs target code, which can block on the very lock under study)"
                : "invoke off: expressions only read fields; nothing is invoked in the target";
    }
}
