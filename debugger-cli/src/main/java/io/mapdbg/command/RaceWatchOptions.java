package io.mapdbg.command;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.Feature;
import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.RaceWatch;
import io.mapdbg.model.Message;
import io.mapdbg.model.Race;
import io.mapdbg.model.Result;
import io.mapdbg.service.RacesService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The options races and watch races share, and the run they both make. */
public final class RaceWatchOptions {
    static final String HELP_WHAT = "Watches the maps that are not thread-safe (HashMap, LinkedHashMap, TreeMap, "
            + "IdentityHashMap, WeakHashMap and subclasses) and reports when a second thread enters a mutator of a map "
            + "while another thread is inside one: Java's missing \"concurrent map writes\". Breakpoints sit on the "
            + "mutators a caller enters (put, putAll, putIfAbsent, remove, removeNode, clear, compute*, merge, replace*; "
            + "TreeMap deleteEntry, pollFirst/LastEntry): putVal, resize, treeifyBin and the like run only inside them. "
            + "Each map is reported once, with both threads, their stacks at the overlap, the keys they wrote and the "
            + "number of overlaps; then the integrity check of buckets runs on it (size vs entries walked, cycles, "
            + "wrong-bin nodes). Writes serialised by a lock (a monitor, a j.u.c lock) or confined to one thread are not "
            + "races; ConcurrentHashMap, Hashtable and synchronizedMap are never watched.";
    static final String HELP_COST = "Cost: over JDWP every watched map gets entry and return breakpoints with an "
            + "instance filter; every call of those methods in the JVM then runs interpreted, each write to a watched "
            + "map costs a few round trips, and once two threads have written a map the first writer is held --hold "
            + "ms per write to make an overlap visible: this slows the watched map. --all is bounded to --top maps: a "
            + "short sample of writes (--sample, class-level breakpoints) finds the maps written by two or more threads, "
            + "watched first, then maps held by application static fields, then the largest. Every request is deleted and every held "
            + "thread resumed when the watch ends. Through the agent (--agent, a connected agent, or a JVM without JDWP) "
            + "the hooks keep a writer marker per map instance in the target instead: nothing is held. --all covers "
            + "every non-thread-safe map (no --top, --sample or --hold) for --duty percent of the time, in 20 ms "
            + "turns: each writing thread marks a cell of its own (no call on the write path), and each turn up to four "
            + "maps seen written by two threads go through the marker (held open ~20 us now and then so that short writes "
            + "meet). The hooks are taken out when the watch ends; maps are named by static path or agent @id.";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--map", paramLabel = "MAPREF", description = "A map to watch: @id, $N or Cls.FIELD[.field...]; repeatable.")
        List<String> maps;

        @Option(names = "--all", description = "Watch the maps that are not thread-safe, bounded by --top.")
        boolean all;
    }

    @Option(names = "--top", paramLabel = "N", defaultValue = "8", description = "With --all: how many maps to watch (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "10s",
            description = "How long to watch: 10s, 500ms, 2m, or seconds (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--sample", paramLabel = "D", defaultValue = "1s",
            description = "With --all: first sample writes this long to find the maps written by two or more threads "
                    + "(every map write in the JVM stops for a round trip meanwhile; 0 = skip; default ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--hold", paramLabel = "MS", defaultValue = "30",
            description = "Hold a map's first writer this long to make an overlap visible (default ${DEFAULT-VALUE}; 0 = never).")
    long holdMillis;

    @Option(names = "--duty", paramLabel = "PCT", defaultValue = "10",
            description = "With --all through the agent: the share of time the writer cells are open, 1 to 100 (default "
                    + "${DEFAULT-VALUE}; 100 = always, at their full cost to every map write).")
    int duty;

    @Option(names = "--agent", description = "Watch through the mapdbg agent (loaded through the Attach API if it is "
            + "not running yet): a writer marker per map in the hooked mutators, nothing held or suspended. Used anyway "
            + "when the agent is connected or the JVM has no JDWP.")
    boolean agent;

    /** Runs the watch; in the REPL each race is announced above the prompt as it is found. */
    Result run(CommandContext context, String name) {
        Duration d = check(name);
        // the agent's write hooks when asked for or connected: nothing held, every map write of the JVM unslowed
        Backend backend = context.backend(agent, Feature.WRITE_HOOKS);
        boolean hooks = backend.can(Feature.WRITE_HOOKS);
        refuseIgnored(name, hooks);
        boolean announce = context.interactive();
        Consumer<Race> onFirst = race -> {
            if (announce) {
                context.announce(new Message(found(race)), false);
            }
        };
        Duration sampleLength = hooks ? Duration.ZERO : sampleLength(name);
        RaceWatch watch = new RaceWatch(references(name), which.all, d, top, holdMillis, sampleLength, duty);
        return new RacesService(backend).watch(watch, name, onFirst, context.progress(hooks
                ? "watching for races through the agent" : "watching for races", "s", hooks ? null : "writes seen"));
    }

    /** Every option checked before anything is attached, loaded or armed (exit 2); returns the duration. */
    Duration check(String name) {
        Duration d = parseDuration(duration, name);
        if (top < 1 || holdMillis < 0 || holdMillis > 1000 || duty < 1 || duty > 100) {
            throw new CommandException(name + ": --top takes 1 or more, --hold 0 to 1000 ms, --duty 1 to 100", 2);
        }
        sampleLength(name);
        references(name);
        refuseIgnored(name, agent ? Boolean.TRUE : null);
        return d;
    }

    /** The maps of --map, parsed (none with --all). */
    private List<MapReference> references(String name) {
        List<MapReference> refs = new ArrayList<>();
        if (which.maps != null) {
            which.maps.forEach(m -> refs.add(MapPaths.check(name, m)));
        }
        return refs;
    }

    private Duration sampleLength(String name) {
        return sample.trim().equals("0") ? Duration.ZERO : parseDuration(sample, name);
    }

    /**
     * An option the chosen way does not use is refused with one line, never silently dropped; viaAgent null: the way
     * is not known yet (before attaching, without --agent), so only what no way uses is refused.
     */
    private void refuseIgnored(String name, Boolean viaAgent) {
        if (!which.all) {
            for (String o : new String[] {"--top", "--sample", "--duty"}) {
                if (Given.option(mixee, o)) {
                    throw new CommandException(name + ": " + o + " goes with --all (--map watches the maps given)", 2);
                }
            }
        }
        if (viaAgent == null) {
            return;
        }
        if (viaAgent) {
            for (String o : new String[] {"--top", "--sample", "--hold"}) {
                if (Given.option(mixee, o)) {
                    throw new CommandException(name + ": " + o + " is for the JDWP watch; through the agent nothing is "
                            + "held and --all covers every map (--duty sets its share of time)", 2);
                }
            }
        } else if (Given.option(mixee, "--duty")) {
            throw new CommandException(name + ": --duty is for --all through the agent (--agent); over JDWP --top, "
                    + "--sample and --hold bound the watch", 2);
        }
    }

    static String found(Race race) {
        String path = race.map().path() != null ? " " + race.map().path() : "";
        return "race: @" + race.map().id() + " " + race.map().className() + path + ": " + String.join(" and ", race.threads())
                + " inside its mutators at once (" + race.firstSeenMillis() + " ms into the watch)";
    }

    static Duration parseDuration(String text, String name) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
            if (d.isNegative() || d.isZero() || d.toHours() > 24) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException(name + ": --duration takes 10s, 500ms, 2m or seconds (more than 0), not '" + text + "'", 2);
        }
    }
}
