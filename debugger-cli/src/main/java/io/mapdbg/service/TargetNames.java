package io.mapdbg.service;

import com.sun.jdi.ArrayType;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import io.mapdbg.session.Session;
import io.mapdbg.threads.ThreadReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** What completion offers from the target: loaded class names, a class's method names, live threads. */
public final class TargetNames {
    /** A live thread as completion offers it: its Java id (as threads prints it) and its name. */
    public record ThreadName(long id, String name) {
    }

    private final Session session;

    public TargetNames(Session session) {
        this.session = session;
    }

    /** Loaded class names (no arrays, no hidden classes), sorted. */
    public List<String> classNames() {
        return session.call("completing", () -> {
            TreeSet<String> names = new TreeSet<>();
            for (ReferenceType t : session.vm().allClasses()) {
                String name = t.name();
                if (!(t instanceof ArrayType) && name.indexOf('/') < 0) { // hidden classes (lambdas) have a '/'
                    names.add(name);
                }
            }
            return List.copyOf(names);
        });
    }

    /** The method names of a loaded class (every overload once; no constructors or synthetic methods), sorted. */
    public List<String> methodNames(String className) {
        return session.call("completing", () -> {
            TreeSet<String> names = new TreeSet<>();
            for (ReferenceType t : session.vm().classesByName(className)) {
                for (Method m : t.methods()) {
                    if (!m.isSynthetic() && !m.isConstructor() && !m.isStaticInitializer()) {
                        names.add(m.name());
                    }
                }
            }
            return List.copyOf(names);
        });
    }

    /** The target's live threads, by Java id. */
    public List<ThreadName> threads() {
        return session.call("completing", () -> {
            try (ThreadReader reader = new ThreadReader(session.vm())) {
                List<ThreadName> out = new ArrayList<>();
                for (ThreadReader.Identity t : reader.identify(reader.allThreads())) {
                    out.add(new ThreadName(t.id(), t.name()));
                }
                out.sort(Comparator.comparingLong(ThreadName::id));
                return List.copyOf(out);
            }
        });
    }
}
