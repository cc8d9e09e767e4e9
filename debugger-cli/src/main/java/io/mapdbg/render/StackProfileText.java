package io.mapdbg.render;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;

import java.util.stream.Collectors;

/** {@code threads --group}: a goroutine-profile style list, largest group first, each stack once. */
final class StackProfileText {
    private StackProfileText() {
    }

    static String render(StackProfile profile) {
        StringBuilder out = new StringBuilder();
        int threads = profile.groups().stream().mapToInt(StackGroup::count).sum();
        out.append(String.format("%,d threads", profile.total()));
        if (profile.matched() != profile.total()) {
            out.append(String.format(", %,d match", profile.matched()));
        }
        out.append(String.format(", %,d stacks", profile.groups().size()));
        if (profile.truncated()) {
            out.append(String.format(" shown of more (--top), covering %,d threads", threads));
        }
        out.append(String.format(" (target paused %d ms)", profile.pauseMillis()));
        if (profile.groups().isEmpty()) {
            return out.append("\nno thread matches").toString();
        }
        for (StackGroup g : profile.groups()) {
            out.append("\n\n");
            String states = g.states().entrySet().stream()
                    .map(e -> g.states().size() == 1 ? e.getKey() : e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.append(String.format("%,d thread%s  %s%n", g.count(), g.count() == 1 ? "" : "s", states));
            out.append("  ").append(String.join(", ", g.threads()));
            if (g.namesTruncated()) {
                out.append(String.format(", … (%,d more)", g.count() - g.threads().size()));
            }
            if (g.frames().isEmpty()) {
                out.append("\n    (no Java frames)");
            }
            for (FrameInfo f : g.frames()) {
                out.append("\n    ").append(f.where());
            }
            if (g.frames().size() < g.stackDepth()) {
                out.append(String.format("%n    … %d more frames (--depth)", g.stackDepth() - g.frames().size()));
            }
        }
        return out.toString();
    }
}
