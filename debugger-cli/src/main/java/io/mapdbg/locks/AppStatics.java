package io.mapdbg.locks;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The objects held by static fields of the application's classes (not java., jdk., sun...), and one field further
 * for objects of application classes (a singleton's {@code INSTANCE.byName}): where a report looks for the static
 * path of a map and for the maps whose values may hold a latch. Costs two round trips per application class with
 * statics (run on a few threads at once) and none per JDK class; a heap walk in the target (referrers) would cost
 * a third of a second per object on a target with thousands of threads.
 */
public final class AppStatics {
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "io.mapdbg.agent.");
    private static final int PARALLEL = 8;
    /** Objects of application classes looked into for one more field, at most. */
    private static final int MAX_HOPS = 512;

    private final Map<Long, String> paths = new LinkedHashMap<>();
    private final Map<Long, ObjectReference> objects = new LinkedHashMap<>();

    private AppStatics() {
    }

    /** Scans the loaded application classes. */
    public static AppStatics scan(VirtualMachine vm) {
        AppStatics out = new AppStatics();
        List<ReferenceType> app = new ArrayList<>();
        for (ReferenceType t : vm.allClasses()) {
            String n = t.name();
            if (t instanceof ClassType && t.isPrepared() && n.indexOf('/') < 0 && JDK.stream().noneMatch(n::startsWith)) {
                app.add(t);
            }
        }
        for (List<Held> found : parallel(app, AppStatics::statics)) {
            found.forEach(out::add);
        }
        List<Held> hop = new ArrayList<>();
        for (Map.Entry<Long, ObjectReference> e : List.copyOf(out.objects.entrySet())) {
            String cls = e.getValue().referenceType().name();
            if (hop.size() < MAX_HOPS && JDK.stream().noneMatch(cls::startsWith) && !cls.endsWith("]")) {
                hop.add(new Held(e.getValue(), out.paths.get(e.getKey())));
            }
        }
        for (List<Held> found : parallel(hop, AppStatics::fields)) {
            found.forEach(out::add);
        }
        return out;
    }

    /** An object and the path that reaches it. */
    public record Held(ObjectReference object, String path) {
    }

    private void add(Held h) {
        long id = h.object().uniqueID();
        String had = paths.get(id);
        if (had == null || h.path().length() < had.length()) {
            paths.put(id, h.path());
            objects.put(id, h.object());
        }
    }

    /** The static path of the object with this JDI uniqueID, or null. */
    public String pathOf(long uniqueId) {
        return paths.get(uniqueId);
    }

    /** Every object found, with its path. */
    public List<Held> all() {
        List<Held> out = new ArrayList<>(objects.size());
        objects.forEach((id, o) -> out.add(new Held(o, paths.get(id))));
        return out;
    }

    private static List<Held> statics(ReferenceType type) {
        List<Field> statics = new ArrayList<>();
        for (Field f : type.fields()) {
            String sig = f.signature();
            if (f.isStatic() && sig.startsWith("L") && !sig.equals("Ljava/lang/String;")) {
                statics.add(f);
            }
        }
        return held(statics.isEmpty() ? Map.of() : type.getValues(statics), displayName(type.name()) + ".");
    }

    private static List<Held> fields(Held holder) {
        List<Field> fields = new ArrayList<>();
        for (Field f : holder.object().referenceType().allFields()) {
            String sig = f.signature();
            if (!f.isStatic() && sig.startsWith("L") && !sig.equals("Ljava/lang/String;")) {
                fields.add(f);
            }
        }
        return held(fields.isEmpty() ? Map.of() : holder.object().getValues(fields), holder.path() + ".");
    }

    private static List<Held> held(Map<Field, Value> values, String prefix) {
        List<Held> out = new ArrayList<>();
        values.forEach((f, v) -> {
            if (v instanceof ObjectReference o) {
                out.add(new Held(o, prefix + f.name()));
            }
        });
        return out;
    }

    private static <T> List<List<Held>> parallel(List<T> items, java.util.function.Function<T, List<Held>> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, items.size()), r -> {
            Thread t = new Thread(r, "mapdbg-statics");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Held>>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    try {
                        return work.apply(item);
                    } catch (com.sun.jdi.ObjectCollectedException | com.sun.jdi.ClassNotPreparedException e) {
                        return List.<Held>of();
                    }
                }));
            }
            List<List<Held>> out = new ArrayList<>();
            for (Future<List<Held>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code com.acme.Outer$Inner} as users write it, {@code com.acme.Outer.Inner}, where that reads back. */
    static String displayName(String binaryName) {
        if (binaryName.contains("$$") || binaryName.endsWith("$") || binaryName.contains(".$")
                || binaryName.startsWith("$")) {
            return binaryName;
        }
        return binaryName.replace('$', '.');
    }
}
