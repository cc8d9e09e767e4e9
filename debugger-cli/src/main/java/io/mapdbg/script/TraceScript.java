package io.mapdbg.script;

import java.util.List;

/** A parsed {@code *.mdbg} script: every line checked against the command registry, nothing run yet. */
public record TraceScript(String file, List<Step> steps) {
}
