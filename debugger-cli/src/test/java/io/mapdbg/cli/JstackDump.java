package io.mapdbg.cli;

import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jstack -l <pid>} of the target's own JDK, parsed: per thread its state, the monitor it waits to lock,
 * the synchronizer it parks on, the monitors and ownable synchronizers it holds; and the deadlocks jstack found.
 * Addresses are jstack's (oops), compared only with each other.
 */
final class JstackDump {
    /** One thread as jstack printed it. */
    record Thread(String name, String state, String waitingToLock, String parkedOn, String lockClass,
                  Set<String> locked, Set<String> ownable) {
    }

    private static final Pattern NAME = Pattern.compile("^\"(.*?)\" #\\d+");
    private static final Pattern STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern LOCK = Pattern.compile("- (waiting to lock|parking to wait for|locked) +<(0x[0-9a-f]+)> \\(a ([^)]+)\\)");
    private static final Pattern OWNABLE = Pattern.compile("^\\s+- <(0x[0-9a-f]+)> \\(a ([^)]+)\\)");

    final Map<String, Thread> threads = new LinkedHashMap<>();
    final List<Set<String>> deadlocks = new ArrayList<>();

    static JstackDump of(long pid) {
        String jstack = TargetJvm.javaHome().resolve("bin").resolve("jstack").toString();
        try {
            Process p = new ProcessBuilder(jstack, "-l", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("jstack failed:\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JstackDump parse(String text) {
        JstackDump d = new JstackDump();
        String name = null;
        String state = null;
        String waiting = null;
        String parked = null;
        String lockClass = null;
        Set<String> locked = new TreeSet<>();
        Set<String> ownable = new TreeSet<>();
        boolean inOwnable = false;
        Set<String> deadlock = null;
        boolean skip = false;
        for (String line : (text + "\n\"end\" #0").split("\n")) {
            if (line.startsWith("Found one Java-level deadlock")) {
                if (name != null) { // the deadlock report follows the threads: the last thread ends here
                    d.threads.put(name, new Thread(name, state, waiting, parked, lockClass, locked, ownable));
                    name = null;
                }
                deadlock = new TreeSet<>();
                d.deadlocks.add(deadlock);
                continue;
            }
            if (deadlock != null) {
                if (line.startsWith("Java stack information")) {
                    deadlock = null;
                    skip = true; // the deadlocked threads' stacks again, without thread headers
                } else if (line.startsWith("\"") && line.endsWith("\":")) {
                    deadlock.add(line.substring(1, line.length() - 2));
                }
                continue;
            }
            if (skip) {
                if (!line.startsWith("Found one") && !line.startsWith("\"end\"")) {
                    continue;
                }
                skip = false;
            }
            Matcher m = NAME.matcher(line);
            if (m.find()) {
                if (name != null) {
                    d.threads.put(name, new Thread(name, state, waiting, parked, lockClass, locked, ownable));
                }
                name = m.group(1);
                state = null;
                waiting = null;
                parked = null;
                lockClass = null;
                locked = new TreeSet<>();
                ownable = new TreeSet<>();
                inOwnable = false;
                continue;
            }
            if (name == null) {
                continue;
            }
            Matcher s = STATE.matcher(line);
            if (s.find()) {
                state = s.group(1);
                continue;
            }
            if (line.contains("Locked ownable synchronizers")) {
                inOwnable = true;
                continue;
            }
            Matcher l = LOCK.matcher(line);
            if (l.find()) {
                switch (l.group(1)) {
                    case "waiting to lock" -> {
                        waiting = l.group(2);
                        lockClass = l.group(3);
                    }
                    case "parking to wait for" -> {
                        parked = l.group(2);
                        lockClass = l.group(3);
                    }
                    default -> locked.add(l.group(2));
                }
                continue;
            }
            Matcher o = OWNABLE.matcher(line);
            if (inOwnable && o.find()) {
                ownable.add(o.group(1));
            }
        }
        return d;
    }

    /** The thread that holds the monitor or ownable synchronizer at this address, or null. */
    String holderOf(String address) {
        for (Thread t : threads.values()) {
            if (t.locked().contains(address) || t.ownable().contains(address)) {
                return t.name();
            }
        }
        return null;
    }

    /** Threads jstack shows BLOCKED entering a monitor. */
    Set<String> blocked() {
        Set<String> out = new TreeSet<>();
        threads.values().stream().filter(t -> t.waitingToLock() != null).forEach(t -> out.add(t.name()));
        return out;
    }

    Map<String, String> byAddress(java.util.function.Function<Thread, String> address) {
        Map<String, String> out = new HashMap<>();
        threads.values().forEach(t -> {
            if (address.apply(t) != null) {
                out.put(t.name(), address.apply(t));
            }
        });
        return out;
    }
}
