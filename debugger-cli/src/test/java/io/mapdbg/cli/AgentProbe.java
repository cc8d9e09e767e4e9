package io.mapdbg.cli;

import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test asks the agent and the target's JVM about what is armed: hook stats, HashMap's bytes, mapdbg threads. */
final class AgentProbe {
    private static final Pattern THREAD = Pattern.compile("^\"(mapdbg[^\"]*)\"");

    private AgentProbe() {
    }

    /** hooks.stats, the part the lease tests read. */
    record Stats(boolean installed, int hooked, int watched, boolean racesAll, int duty) {
        boolean watchesSomething() {
            return watched > 0;
        }
    }

    static Stats stats(AgentClient agent) {
        try {
            DataInputStream in = agent.call("hooks.stats", Map.of());
            if (!in.readBoolean()) {
                return new Stats(false, 0, 0, false, 0);
            }
            int hooked = in.readInt();
            for (int i = 0; i < hooked; i++) {
                in.readUTF();
            }
            int watched = in.readInt();
            boolean racesAll = in.readBoolean();
            for (int i = 0; i < 6; i++) {
                in.readLong(); // enters, events queued, dropped, pending, faults, breakpoint hits
            }
            in.readInt(); // overlaps
            for (int errors = in.readInt(); errors > 0; errors--) {
                in.readUTF();
            }
            return new Stats(true, hooked, watched, racesAll, in.readInt());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The SHA-256 of java.util.HashMap's bytes as the JVM has them now. */
    static String digest(AgentClient agent) {
        try {
            return agent.call("hooks.digest", Map.of("class", "java.util.HashMap")).readUTF();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The target's threads whose names start with "mapdbg", with how many of each name (jcmd Thread.print). */
    static TreeMap<String, Integer> threads(String pid) {
        TreeMap<String, Integer> names = new TreeMap<>();
        for (String line : threadDump(pid).split("\n")) {
            Matcher m = THREAD.matcher(line);
            if (m.find()) {
                names.merge(m.group(1), 1, Integer::sum);
            }
        }
        return names;
    }

    /** The stacks of the target's mapdbg threads (jcmd Thread.print), for a failure's message. */
    static String mapdbgStacks(String pid) {
        StringBuilder out = new StringBuilder();
        for (String block : threadDump(pid).split("\n\n")) {
            if (block.startsWith("\"mapdbg")) {
                out.append(block).append("\n\n");
            }
        }
        return out.toString();
    }

    private static String threadDump(String pid) {
        try {
            String jcmd = TargetJvm.javaHome().resolve("bin").resolve("jcmd").toString();
            Process p = new ProcessBuilder(jcmd, pid, "Thread.print").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("jcmd Thread.print failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
