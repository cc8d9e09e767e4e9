package io.mapdbg.breakpoints;

import io.mapdbg.session.events.ProbeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a location: {@code mapassign} (every map write path), {@code mapgrow} (resize and treeify),
 * {@code Class.method} (every overload) or {@code Class:line}. A simple name of a JDK map class
 * ({@code HashMap.resize}) means the java.util one.
 */
public final class Locations {
    private static final String HM = "java.util.HashMap";
    private static final String CHM = "java.util.concurrent.ConcurrentHashMap";
    private static final String HT = "java.util.Hashtable";

    /**
     * The write paths, checked on JDK 17 and 25: HashMap.put/putIfAbsent/putAll all go through putVal (and
     * compute/merge do not), so putVal alone sees them without double hits; the same holds for ConcurrentHashMap.
     * Hashtable.putIfAbsent has its own body, so it is listed beside put. Removes and clears too (HashMap.remove goes
     * through removeNode, ConcurrentHashMap's remove and replace through replaceNode): the same methods the agent's
     * hooks report, so both ways see the same writes (the agent also sees TreeMap's).
     */
    static final List<MapMethod> MAPASSIGN = List.of(
            MapMethod.write(HM, "putVal", 1, 2),
            MapMethod.write(HM, "removeNode", 1, -1),
            MapMethod.write(HM, "clear", -1, -1),
            MapMethod.write(HM, "compute", 0, -1),
            MapMethod.write(HM, "computeIfAbsent", 0, -1),
            MapMethod.write(HM, "computeIfPresent", 0, -1),
            MapMethod.write(HM, "merge", 0, 1),
            MapMethod.write(CHM, "putVal", 0, 1),
            MapMethod.write(CHM, "replaceNode", 0, 1),
            MapMethod.write(CHM, "clear", -1, -1),
            MapMethod.write(CHM, "compute", 0, -1),
            MapMethod.write(CHM, "computeIfAbsent", 0, -1),
            MapMethod.write(CHM, "computeIfPresent", 0, -1),
            MapMethod.write(CHM, "merge", 0, 1),
            MapMethod.write(HT, "put", 0, 1),
            MapMethod.write(HT, "putIfAbsent", 0, 1),
            MapMethod.write(HT, "remove", 0, -1),
            MapMethod.write(HT, "clear", -1, -1),
            MapMethod.write(HT, "compute", 0, -1),
            MapMethod.write(HT, "computeIfAbsent", 0, -1),
            MapMethod.write(HT, "computeIfPresent", 0, -1),
            MapMethod.write(HT, "merge", 0, 1),
            MapMethod.write("java.util.IdentityHashMap", "put", 0, 1),
            MapMethod.write("java.util.IdentityHashMap", "remove", 0, -1),
            MapMethod.write("java.util.IdentityHashMap", "clear", -1, -1),
            MapMethod.write("java.util.WeakHashMap", "put", 0, 1),
            MapMethod.write("java.util.WeakHashMap", "remove", 0, -1),
            MapMethod.write("java.util.WeakHashMap", "clear", -1, -1));

    static final List<MapMethod> MAPGROW = List.of(
            MapMethod.grow(HM, "resize"),
            MapMethod.grow(HM, "treeifyBin"),
            MapMethod.grow(CHM, "transfer"),
            MapMethod.grow(CHM, "helpTransfer"));

    private static final Map<String, String> JDK_MAPS = Map.of(
            "HashMap", HM, "ConcurrentHashMap", CHM, "Hashtable", HT,
            "IdentityHashMap", "java.util.IdentityHashMap", "WeakHashMap", "java.util.WeakHashMap",
            "LinkedHashMap", "java.util.LinkedHashMap");

    private Locations() {
    }

    /** A parsed location: what the user typed, the probes to arm, and the map methods among them. */
    public record Location(String text, List<ProbeSpec> probes, List<MapMethod> mapMethods) {
        /** True when it breaks inside java.util: every call of such a method in the VM pays for the breakpoint. */
        public boolean inJdkHotPath() {
            return probes.stream().anyMatch(p -> p.className().startsWith("java.util."));
        }

        public MapMethod mapMethod(String className, String method) {
            return mapMethods.stream().filter(m -> m.className().equals(className) && m.method().equals(method))
                    .findFirst().orElse(null);
        }

        /** Without the map methods that may only read (compute*, merge): trace --writes-only. */
        public Location writesOnly() {
            List<MapMethod> kept = mapMethods.stream()
                    .filter(m -> MapOps.writes(MapOps.of(m.className() + "." + m.method(), false))).toList();
            if (kept.size() == mapMethods.size()) {
                return this;
            }
            return new Location(text, kept.stream().map(m -> ProbeSpec.method(m.className(), m.method())).toList(), kept);
        }

        /** Only the map methods a map of this class hierarchy runs (a LinkedHashMap runs HashMap's). */
        public Location forMapClasses(List<String> hierarchy) {
            List<MapMethod> kept = mapMethods.stream().filter(m -> hierarchy.contains(m.className())).toList();
            if (kept.isEmpty()) {
                return this;
            }
            return new Location(text, kept.stream().map(m -> ProbeSpec.method(m.className(), m.method())).toList(), kept);
        }
    }

    public static Location parse(String text) {
        String t = text.trim();
        if (t.equals("mapassign")) {
            return of(t, MAPASSIGN);
        }
        if (t.equals("mapgrow")) {
            return of(t, MAPGROW);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0) {
            String cls = className(t.substring(0, colon));
            try {
                int line = Integer.parseInt(t.substring(colon + 1));
                if (line > 0) {
                    return new Location(t, List.of(ProbeSpec.line(cls, line)), List.of());
                }
            } catch (NumberFormatException e) {
                // fall through to the error
            }
            throw new IllegalArgumentException("'" + text + "': a line location is Class:LINE with LINE > 0");
        }
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a location: use mapassign, mapgrow, Class.method or Class:line");
        }
        String cls = className(t.substring(0, dot));
        String method = t.substring(dot + 1);
        List<MapMethod> known = new ArrayList<>();
        for (MapMethod m : MAPASSIGN) {
            if (m.className().equals(cls) && m.method().equals(method)) {
                known.add(m);
            }
        }
        for (MapMethod m : MAPGROW) {
            if (m.className().equals(cls) && m.method().equals(method)) {
                known.add(m);
            }
        }
        return new Location(t, List.of(ProbeSpec.method(cls, method)), known);
    }

    private static Location of(String text, List<MapMethod> methods) {
        return new Location(text, methods.stream().map(m -> ProbeSpec.method(m.className(), m.method())).toList(), methods);
    }

    private static String className(String written) {
        return JDK_MAPS.getOrDefault(written, written);
    }
}
