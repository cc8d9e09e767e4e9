package io.mapdbg.command;

import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.Continued;
import io.mapdbg.model.CutShort;
import io.mapdbg.model.Result;
import io.mapdbg.service.BreakpointService;
import io.mapdbg.backend.jdwp.JdwpMapReferences;
import io.mapdbg.session.Session;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

/** What break and trace share: {@code [name] <location> [--map M] [--thread T] [--count N] [if <expr>]}. */
abstract class SetBreakpoint implements MapdbgCommand, RestOfLine.Taker, WithExpression, Checked {
    static final String LOCATIONS = "LOCATION is mapassign (every map write path: HashMap.putVal/removeNode/clear, "
            + "ConcurrentHashMap.putVal/replaceNode/clear, Hashtable.put/putIfAbsent/remove/clear, IdentityHashMap and "
            + "WeakHashMap put/remove/clear, and the compute*/merge methods), mapgrow "
            + "(HashMap.resize/treeifyBin, ConcurrentHashMap.transfer/helpTransfer: reports the capacity before and after), "
            + "Class.method (every overload) or Class:line. Classes not loaded yet are armed when they load.";
    static final String COST = "A breakpoint inside java.util makes every call of that method in the target run interpreted "
            + "(measured: other maps' puts 138M/s -> 27k/s with an instance filter): keep it short, prefer --thread, clearall "
            + "when done. --map checks the map's identity in the debugger (JDI's instance filter would cost a global safepoint "
            + "per call); --thread is evaluated in the target.";

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "1..2", paramLabel = "[NAME] LOCATION", preprocessor = RestOfLine.class,
            description = "An optional name (default b1, b2...) and the location.")
    List<String> words = new ArrayList<>();

    @Option(names = "--map", paramLabel = "MAPREF", description = "Only writes to this map (@id, $N or Cls.FIELD).")
    String map;

    @Option(names = "--thread", paramLabel = "ID|NAME", description = "Only this thread (its id as threads lists it, jstack's #N; or its exact name).")
    String thread;

    @Option(names = "--count", paramLabel = "N", description = "Disarm after N hits.")
    Integer count;

    String condition; // after 'if'
    List<String> conditionWords = List.of(); // the same words: the REPL kept their quotes in its source text

    @Override
    public boolean take(Stack<String> args) {
        // picocli asks before each run of positionals (top = next word); without a NAME it would take 'if' and the
        // condition as positionals, so a LOCATION right before 'if' is taken here
        if (args.size() >= 2 && !args.peek().equals("if") && args.get(args.size() - 2).equals("if")) {
            words.add(args.pop());
        }
        if (!args.isEmpty() && args.peek().equals("if")) {
            args.pop();
            List<String> rest = RestOfLine.popAll(args);
            if (rest.isEmpty()) {
                throw new CommandException(name() + ": 'if' needs a condition", 2);
            }
            conditionWords = rest;
            condition = String.join(" ", rest);
            return true;
        }
        return false;
    }

    abstract boolean stops();

    /** trace --writes-only: mapassign without the methods that may only read (compute*, merge). */
    boolean writesOnly() {
        return false;
    }

    /** Options and the map reference, before anything is attached or armed (exit 2). */
    @Override
    public void check() {
        if (count != null && count < 1) {
            throw new CommandException(name() + ": --count takes 1 or more", 2);
        }
        String location = words.get(words.size() - 1);
        if (location.length() > MapPaths.MAX_CHARS || !Echo.printable(location)) {
            throw new CommandException(name() + ": '" + Echo.of(location) + "' is not a location", 2);
        }
        if (map != null) {
            MapPaths.check(name(), map);
        }
    }

    @Override
    public List<String> expressionWords() {
        return conditionWords;
    }

    private String name() {
        return stops() ? "break" : "trace";
    }

    @Override
    public Result run(CommandContext context) {
        check();
        Session session = context.requireSession();
        String bpName = words.size() == 2 ? words.get(0) : null;
        String location = words.get(words.size() - 1);
        BreakpointService service = context.breakpointService();
        BreakpointService.Filters filters = service.filters(name(), map, new JdwpMapReferences(session, context.history()),
                thread);
        Result info;
        try {
            info = service.set(new BreakpointService.Setup(bpName, stops(), location, filters, count,
                    condition == null ? null : context.sourceOf(conditionWords), output.json(), writesOnly()));
        } catch (IllegalArgumentException e) {
            throw new CommandException(name() + ": " + e.getMessage(), 2);
        }
        if (!context.interactive()) {
            if (info instanceof BreakpointInfo b && b.resolvedTo().isEmpty() && b.pending().isEmpty()) {
                // armed nowhere and nothing to wait for: a one-shot would wait forever
                service.clear(b.name());
                throw new CommandException(name() + ": " + Echo.of(location) + " is armed in no place: "
                        + (b.unarmed().isEmpty() ? "nothing matches it" : String.join("; ", b.unarmed())));
            }
            // one-shot: say what was armed, then run until it is done (--count), a stop, or the target exits
            context.announce(info, output.json());
            return endOfOneShot(name(), service.resume(true));
        }
        return info;
    }

    /** A one-shot break or trace that the target's exit ended is cut short: exit 1, and a line says so. */
    static Result endOfOneShot(String name, Continued ended) {
        if (!ended.outcome().equals("target-exited")) {
            return ended;
        }
        return new CutShort(ended, name + ": the target VM exited (or closed the connection) before the " + name
                + " was done; what is above is all it saw");
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
