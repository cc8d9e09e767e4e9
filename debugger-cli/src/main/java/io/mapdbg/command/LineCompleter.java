package io.mapdbg.command;

import io.mapdbg.service.TargetNames;
import io.mapdbg.session.Session;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What Tab offers, read from the registry: command names, the options of the command being typed (its own only),
 * and values by what each parameter is, as its picocli label says: {@code MAPREF} ($N, @id, static paths seen by
 * maps), {@code ID} / {@code ID|NAME} / threads {@code --name} (thread ids and names), {@code BP} (breakpoint
 * names), {@code COMMAND} (a command, or a whole command line for on), {@code LOCATION} (mapassign, mapgrow, loaded
 * classes, then {@code Class.method}), {@code FILE} (paths: source, --out), an option's {@code completionCandidates},
 * and {@code a|b} labels. A label
 * it does not know falls back to the registry row's {@link ArgCompleter}. Target reads go through a bounded cache.
 */
public final class LineCompleter implements AutoCloseable {

    /** One candidate: complete=false for a partial word (a package, {@code Class.}) after which no blank goes. */
    public record Suggestion(String value, String description, boolean complete) {
        static Suggestion of(String value, String description) {
            return new Suggestion(value, description, true);
        }
    }

    /** What a parameter holds, for completion. */
    enum Kind { NONE, MAP_REF, THREAD, THREAD_NAME, BREAKPOINT, COMMAND, COMMAND_LINE, LOCATION, CONDITION, FILE }

    /** Directory entries offered at most (a Tab in a huge directory must not list it all). */
    static final int MAX_FILES = 500;

    static final List<Suggestion> MAP_METHODS = List.of(
            Suggestion.of("mapassign", "every map write path (putVal, put, compute*, merge)"),
            Suggestion.of("mapgrow", "resize and treeify (HashMap.resize/treeifyBin, CHM.transfer/helpTransfer)"));
    private static final List<String> JDK_MAP_NAMES = List.of("HashMap", "ConcurrentHashMap", "Hashtable",
            "IdentityHashMap", "WeakHashMap", "LinkedHashMap");

    private final CommandRegistry registry;
    private final CompleterCache cache;
    private final Map<String, CommandSpec> specs = new ConcurrentHashMap<>();

    public LineCompleter(CommandRegistry registry) {
        this(registry, new CompleterCache());
    }

    LineCompleter(CommandRegistry registry, CompleterCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    /** Reads the target's classes and threads in the background, so that the first Tab finds them cached. */
    public void warm(CommandContext context) {
        context.session().ifPresent(cache::warm);
    }

    /**
     * The candidates for the last word. words: the line up to the cursor split into words, the last being the word
     * being completed ("" right after a blank). Only candidates that start with that word are returned.
     */
    public List<Suggestion> complete(CommandContext context, List<String> words) {
        if (words.size() <= 1) {
            return commandNames(words.isEmpty() ? "" : words.get(0));
        }
        CommandInfo info = registry.find(words.get(0)).orElse(null);
        if (info == null) {
            return List.of();
        }
        CommandSpec spec = specOf(info);
        String partial = words.get(words.size() - 1);
        int positional = 0;
        OptionSpec pending = null;
        for (int i = 1; i < words.size() - 1; i++) {
            String word = words.get(i);
            if (pending != null) {
                pending = null;
                continue;
            }
            PositionalParamSpec param = positionalAt(spec, positional);
            Kind kind = param == null ? Kind.NONE : kindOf(info, param);
            if (kind == Kind.COMMAND_LINE) { // on BP <a whole command line>
                return complete(context, words.subList(i, words.size()));
            }
            if (kind == Kind.LOCATION && word.equals("if")) { // the rest is the condition
                return List.of();
            }
            OptionSpec option = optionNamed(spec, word);
            if (option != null) {
                pending = option.arity().max() > 0 && !word.contains("=") ? option : null;
                continue;
            }
            positional++;
        }
        if (pending != null) {
            return startingWith(values(context, info, pending, kindOf(info, pending), partial), partial);
        }
        if (partial.startsWith("-")) {
            return startingWith(options(spec), partial);
        }
        PositionalParamSpec param = positionalAt(spec, positional);
        Kind kind = param == null ? Kind.NONE : kindOf(info, param);
        if (kind == Kind.COMMAND_LINE) {
            return commandNames(partial);
        }
        List<Suggestion> found = new ArrayList<>();
        if (param != null) {
            if (kind == Kind.LOCATION && positional >= 1) {
                found.add(Suggestion.of("if", "a condition follows: if key == \"order-42\""));
            }
            if (!(kind == Kind.LOCATION && positional >= 2)) {
                found.addAll(values(context, info, param, kind, partial));
            }
        }
        found = startingWith(found, partial);
        // nothing this parameter could be (frame N, no parameter left): show what the command takes instead
        return found.isEmpty() && partial.isEmpty() && kind == Kind.NONE ? options(spec) : found;
    }

    private List<Suggestion> commandNames(String partial) {
        List<Suggestion> out = new ArrayList<>();
        for (CommandInfo c : registry.commands()) {
            out.add(Suggestion.of(c.name(), c.summary()));
            for (String alias : c.aliases()) {
                out.add(Suggestion.of(alias, "= " + c.name()));
            }
        }
        return startingWith(out, partial);
    }

    private static List<Suggestion> options(CommandSpec spec) {
        List<Suggestion> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String description = o.description().length == 0 ? "" : o.description()[0];
            for (String name : o.names()) {
                out.add(Suggestion.of(name, description));
            }
        }
        return out;
    }

    private List<Suggestion> values(CommandContext context, CommandInfo info, ArgSpec arg, Kind kind, String partial) {
        if (arg.completionCandidates() != null) {
            List<Suggestion> out = new ArrayList<>();
            arg.completionCandidates().forEach(v -> out.add(Suggestion.of(v, "")));
            return out;
        }
        String label = arg.paramLabel();
        if (label.matches("[a-z0-9-]+(\\|[a-z0-9-]+)+")) { // on|off: the label lists the values
            return List.of(label.split("\\|")).stream().map(v -> Suggestion.of(v, "")).toList();
        }
        Session session = context.session().orElse(null);
        return switch (kind) {
            case MAP_REF -> MapRefCompleter.suggestions(context);
            case BREAKPOINT -> BreakpointCompleter.suggestions(context);
            case COMMAND, COMMAND_LINE -> commandNames(partial);
            case THREAD -> session == null ? List.of() : threads(session, true);
            case THREAD_NAME -> session == null ? List.of() : threads(session, false);
            case LOCATION -> locations(session, partial);
            case CONDITION -> List.of();
            case FILE -> files(partial);
            case NONE -> arg.isPositional()
                    ? info.completer().candidates(context, List.of()).stream().map(v -> Suggestion.of(v, "")).toList()
                    : List.of();
        };
    }

    private List<Suggestion> threads(Session session, boolean ids) {
        List<Suggestion> out = new ArrayList<>();
        List<TargetNames.ThreadName> all = cache.threads(session);
        if (ids) {
            all.forEach(t -> out.add(Suggestion.of(Long.toString(t.id()), t.name())));
        }
        all.forEach(t -> out.add(Suggestion.of(t.name(), "thread " + t.id())));
        return out;
    }

    /**
     * mapassign, mapgrow, then class names one package segment at a time (a class ends in '.', ready for its
     * method), then Class.method once the class is loaded. JDK map classes may be written by their simple name.
     */
    List<Suggestion> locations(Session session, String partial) {
        List<Suggestion> out = new ArrayList<>(MAP_METHODS);
        int dot = partial.lastIndexOf('.');
        if (partial.indexOf(':') >= 0 || session == null) {
            return out;
        }
        if (dot > 0) {
            String written = partial.substring(0, dot);
            String className = JDK_MAP_NAMES.contains(written) ? jdkMap(written) : written;
            List<String> classes = cache.classNames(session);
            if (classes.contains(className)) {
                for (String method : cache.methodNames(session, className)) {
                    out.add(Suggestion.of(written + "." + method, className));
                }
            }
        }
        JDK_MAP_NAMES.forEach(n -> out.add(new Suggestion(n + ".", jdkMap(n), false)));
        out.addAll(classSegments(cache.classNames(session), partial));
        return out;
    }

    /** Entries of the directory partial names (a directory ends in '/', ready for the next part), sorted. */
    static List<Suggestion> files(String partial) {
        int slash = partial.lastIndexOf('/');
        String dirText = slash < 0 ? "" : partial.substring(0, slash + 1);
        Path dir = Path.of(dirText.isEmpty() ? "." : dirText);
        String prefix = partial.substring(slash + 1);
        List<Suggestion> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && (!n.startsWith(".") || prefix.startsWith(".")))
                    .sorted().limit(MAX_FILES)
                    .forEach(n -> {
                        boolean isDir = Files.isDirectory(dir.resolve(n));
                        out.add(new Suggestion(dirText + n + (isDir ? "/" : ""), isDir ? "directory" : "", !isDir));
                    });
        } catch (IOException | RuntimeException e) {
            // no such directory, or unreadable: nothing to offer
        }
        return out;
    }

    /** The next package segment (or the class) of every loaded class that starts with partial. */
    static List<Suggestion> classSegments(List<String> classNames, String partial) {
        List<Suggestion> out = new ArrayList<>();
        String last = null;
        for (String name : classNames) {
            if (!name.startsWith(partial)) {
                continue;
            }
            int next = name.indexOf('.', partial.length());
            String value = next < 0 ? name + "." : name.substring(0, next + 1);
            if (!value.equals(last)) {
                out.add(new Suggestion(value, next < 0 ? "class" : "package", false));
                last = value;
            }
        }
        return out;
    }

    private static String jdkMap(String simpleName) {
        return (simpleName.equals("ConcurrentHashMap") ? "java.util.concurrent." : "java.util.") + simpleName;
    }

    Kind kindOf(CommandInfo info, ArgSpec arg) {
        String label = arg.paramLabel();
        if (arg instanceof OptionSpec o && List.of(o.names()).contains("--name") && info.name().equals("threads")) {
            return Kind.THREAD_NAME;
        }
        if (label.contains("LOCATION")) {
            return Kind.LOCATION;
        }
        if (label.matches("(?i).*(FILE|PATH|SCRIPT|DIR).*")) { // source FILE, --out FILE
            return Kind.FILE;
        }
        return switch (label) {
            case "MAPREF" -> Kind.MAP_REF;
            case "ID" -> Kind.THREAD;
            case "ID|NAME" -> Kind.THREAD_NAME;
            case "BP" -> Kind.BREAKPOINT;
            case "COMMAND" -> arg.arity().max() > 1 ? Kind.COMMAND_LINE : Kind.COMMAND;
            case "CONDITION", "EXPR" -> Kind.CONDITION;
            default -> Kind.NONE;
        };
    }

    private CommandSpec specOf(CommandInfo info) {
        return specs.computeIfAbsent(info.name(), n -> new CommandLine(info.factory().get()).getCommandSpec());
    }

    private static PositionalParamSpec positionalAt(CommandSpec spec, int index) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(index)) {
                return p;
            }
        }
        return null;
    }

    private static OptionSpec optionNamed(CommandSpec spec, String word) {
        if (!word.startsWith("-")) {
            return null;
        }
        int eq = word.indexOf('=');
        return spec.findOption(eq > 0 ? word.substring(0, eq) : word);
    }

    private static List<Suggestion> startingWith(List<Suggestion> all, String partial) {
        List<Suggestion> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Suggestion s : all) {
            if (s.value().startsWith(partial) && seen.add(s.value())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        cache.close();
    }
}
