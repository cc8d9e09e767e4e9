package io.mapdbg.session;

import com.sun.jdi.ClassType;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.request.EventRequestManager;
import io.mapdbg.inspect.HeapObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One JDI connection to one target VM. Knows JDI, nothing about maps or terminals: it returns values or throws
 * {@link TargetException}. Not static anywhere; pass it explicitly.
 */
public final class Session implements AutoCloseable {

    private final Focus focus = new Focus();
    private final VirtualMachine vm;
    private final Target target;
    private final LaunchedTarget launched; // null unless we started the JVM
    private final String describe;
    private final Mirrors mirrors;
    private final ObjectIds ids;
    private final StaticPaths staticPaths = new StaticPaths(this);
    private final Map<String, Boolean> mayContain = new ConcurrentHashMap<>();
    private final JavaThreadIds threadIds = new JavaThreadIds();
    private final Object suspendLock = new Object();
    private int suspendDepth;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean idsOfThisAttach;
    private final List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private io.mapdbg.session.events.EventLoop events; // started on first use (breakpoints); guarded by this

    private Session(VirtualMachine vm, Target target, LaunchedTarget launched, LocatorCache cache) {
        this.vm = vm;
        this.target = target;
        this.launched = launched;
        this.ids = new ObjectIds(this, cache);
        try {
            cache.open(); // marks the ledger open: if this process dies, the next one trusts none of its entries
        } catch (TargetException e) {
            // no ledger: ids of earlier connections are then refused, nothing else changes
        }
        this.mirrors = new Mirrors(this, ids);
        String where = launched != null ? "pid " + launched.process().pid() + " (launched)" : target.toString();
        this.describe = where + ", " + vm.name() + " " + vm.version();
    }

    /** Attaches to a running JVM; object-id locators are kept under {@code ${XDG_CACHE_HOME:-~/.cache}/mapdbg}. */
    public static Session attach(Target target) {
        return attach(target, LocatorCache.defaultDir());
    }

    /** As {@link #attach(Target)}, with the locator cache in {@code locatorDir} (tests, sandboxes). */
    public static Session attach(Target target, Path locatorDir) {
        if (target instanceof Target.Pid p) {
            return open(JdwpConnector.attachPid(p.pid()), target, null,
                    new LocatorCache(locatorDir, LocatorCache.keyForPid(p.pid())));
        }
        Target.Socket s = (Target.Socket) target; // sealed: the only other kind (no pattern switch on Java 17)
        return open(JdwpConnector.attachSocket(s.host(), s.port()), target, null,
                new LocatorCache(locatorDir, LocatorCache.keyForSocket(s.host(), s.port())));
    }

    /**
     * Starts {@code <javaHome>/bin/java -agentlib:jdwp=... <javaArgs>} and attaches to it. javaHome null means
     * $MAPDBG_TARGET_JAVA_HOME or this JVM's. The target's output lines go to targetOutput on daemon threads.
     * The session owns the process: {@link #close()} ends it.
     */
    public static Session launch(List<String> javaArgs, Path javaHome, Consumer<String> targetOutput) {
        LaunchedTarget launched = LaunchedTarget.start(javaArgs, javaHome, targetOutput);
        try {
            int port = launched.awaitPort();
            VirtualMachine vm = JdwpConnector.attachSocket("127.0.0.1", port);
            long pid = launched.process().pid();
            return open(vm, new Target.Socket("127.0.0.1", port), launched,
                    new LocatorCache(LocatorCache.defaultDir(), LocatorCache.keyForPid(pid)));
        } catch (RuntimeException e) {
            launched.destroy();
            throw e;
        }
    }

    private static Session open(VirtualMachine vm, Target target, LaunchedTarget launched, LocatorCache cache) {
        try {
            return new Session(vm, target, launched, cache);
        } catch (VMDisconnectedException e) {
            throw new TargetExitedException(TargetExitedException.MESSAGE, e);
        }
    }

    /** The thread and frame commands act on when none is named. */
    public Focus focus() {
        return focus;
    }

    public VirtualMachine vm() {
        return vm;
    }

    public Target target() {
        return target;
    }

    /**
     * The Java thread id of t ({@code Thread.getId()}, jstack's {@code #N}): its {@code tid} field, read once per
     * thread (a field read, no code runs in the target); -1 when it cannot be read. Never the JDWP id, which
     * names the same thread differently.
     */
    public long threadId(com.sun.jdi.ThreadReference t) {
        return threadIds.of(t);
    }

    /** e.g. {@code pid 4242, OpenJDK 64-Bit Server VM 17.0.15}. */
    public String describe() {
        return describe;
    }

    public Optional<Long> launchedPid() {
        return launched == null ? Optional.empty() : Optional.of(launched.process().pid());
    }

    /** One cheap round trip: false once the VM is gone or this session is closed. */
    public boolean isAlive() {
        if (closed.get() || (launched != null && !launched.process().isAlive())) {
            return false;
        }
        if (target instanceof Target.Pid p && !ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            vm.allThreads();
            return true;
        } catch (VMDisconnectedException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} and translates the failures of a remote call: a vanished VM becomes
     * {@link TargetExitedException}, a collected object a one-line {@link TargetException}.
     */
    public <T> T call(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (VMDisconnectedException e) {
            throw new TargetExitedException(TargetExitedException.MESSAGE + (what == null ? "" : " while " + what), e);
        } catch (ObjectCollectedException e) {
            throw new TargetException("an object was garbage-collected in the target while " + what
                    + "; run the command again", e);
        }
    }

    /** Runs work with every target thread suspended so that a walk sees one consistent heap; nests. */
    public <T> T suspended(Supplier<T> work) {
        synchronized (suspendLock) {
            call("suspending the target", () -> {
                vm.suspend();
                return null;
            });
            suspendDepth++;
        }
        try {
            return call("reading the suspended target", work);
        } finally {
            synchronized (suspendLock) {
                if (suspendDepth > 0) { // close() may have undone it already
                    suspendDepth--;
                    try {
                        vm.resume();
                    } catch (VMDisconnectedException e) {
                        // gone: nothing to resume; the exception from work (if any) says so
                    }
                }
            }
        }
    }

    // ---- events (breakpoints, traces) ---------------------------------------------------------------------

    /** Threads a handler keeps stopped at an event (a breakpoint hit), without starting the event loop. */
    public Set<com.sun.jdi.ThreadReference> stoppedAtEvents() {
        io.mapdbg.session.events.EventLoop loop;
        synchronized (this) {
            loop = events;
        }
        return loop == null ? Set.of() : loop.heldThreads();
    }

    /** The one thread that owns this VM's event queue; started on first use, stopped by {@link #close()}. */
    public synchronized io.mapdbg.session.events.EventLoop events() {
        if (closed.get()) {
            throw new TargetException("the session is closed");
        }
        if (events == null) {
            events = new io.mapdbg.session.events.EventLoop(vm);
            events.start();
        }
        return events;
    }

    /**
     * Runs when the session closes, after the event loop has stopped (no more hits come): what consumes events
     * ends there (the trace printer). Runs at once when the session is closed already.
     */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
        if (closed.get() && closeHooks.remove(hook)) {
            hook.run();
        }
    }

    /** Arms JDI breakpoints whose events the {@link #events()} loop dispatches. */
    public io.mapdbg.session.events.Probes probes() {
        events();
        return new io.mapdbg.session.events.Probes(vm);
    }

    // ---- objects -------------------------------------------------------------------------------------------

    /** The mirror of a JDI reference; registers its id so {@link #byId(long)} finds it again in this session. */
    public JdiHeapObject mirror(ObjectReference o) {
        return ids.mirror(o);
    }

    /**
     * The object with that display id, handed out by this session (a REPL result, an object read here) or
     * proven by {@link #typedId(long)}. Empty means the id is unknown to this connection.
     */
    public Optional<HeapObject> byId(long id) {
        return ids.byId(id);
    }

    /**
     * What the user typed as {@code @id}: an id this attach printed (in the REPL), or one an earlier connection
     * printed for a map at a final static path (proven the same object); else a one-line TargetException saying
     * why and what to use instead.
     */
    public HeapObject typedId(long id) {
        return call("finding @" + id, () -> ids.typed(id, idsOfThisAttach));
    }

    /** The REPL: ids it printed stay valid while it is attached (a one-shot's typed ids are all from earlier connections). */
    public void idsOfThisAttach() {
        idsOfThisAttach = true;
    }

    /** Whether the object at a static path is fixed for the life of its class (every hop final, the class loaded once). */
    public boolean isFinalPath(String path) {
        return call("checking " + path, () -> staticPaths.isFinal(path));
    }

    /** Keeps the object from being collected until {@link #close()}. */
    public void pin(HeapObject object) {
        ids.pin(object);
    }

    /** Records how to find {@code @id} again from a later connection (see {@link #saveLocators()}). */
    public void remember(long id, String className, String path) {
        ids.remember(new LocatorCache.Locator(id, className, path, path != null && isFinalPath(path)));
    }

    /** Writes the remembered locators to this target's cache file. */
    public void saveLocators() {
        ids.save();
    }

    /** {@code com.acme.Orders.BY_ID[.field...]}; nested classes may be written with '.' or '$'. */
    public HeapObject resolveStaticPath(String path) {
        return call("resolving " + path, () -> staticPaths.resolve(path));
    }

    /**
     * For each object id that a static reference field holds directly, the shortest {@code Class.FIELD} path
     * (nested classes written with '.'; application classes preferred over java.*, jdk.*, sun.*).
     */
    public Map<Long, String> staticHolders(Set<Long> uniqueIds) {
        return call("scanning static fields", () -> staticPaths.holders(uniqueIds));
    }

    /**
     * Static paths of the given objects, keyed by their display id. An object found again through the
     * locator cache shows the id the user typed, which is not its id in this connection: match by the latter.
     */
    public Map<Long, String> staticHoldersOf(Collection<? extends HeapObject> objects) {
        Map<Long, Long> displayByUnique = new java.util.HashMap<>();
        for (HeapObject o : objects) {
            long unique = o instanceof JdiHeapObject j ? j.reference().uniqueID() : o.id();
            displayByUnique.put(unique, o.id());
        }
        Map<Long, String> out = new java.util.HashMap<>();
        staticHolders(displayByUnique.keySet()).forEach((unique, path) -> out.put(displayByUnique.get(unique), path));
        return out;
    }

    // ---- classes and instances -----------------------------------------------------------------------------

    /** Loaded classes whose superclass chain includes one of the named classes (the named ones included). */
    public List<ClassType> loadedClassesInFamilies(Collection<String> baseClassNames) {
        Set<String> bases = Set.copyOf(baseClassNames);
        return call("listing loaded classes", () -> {
            Map<ReferenceType, Boolean> member = new java.util.HashMap<>();
            List<ClassType> out = new ArrayList<>();
            for (ReferenceType t : vm.allClasses()) {
                if (t instanceof ClassType c && t.isPrepared() && inFamily(c, bases, member)) {
                    out.add(c);
                }
            }
            return out;
        });
    }

    private static boolean inFamily(ClassType c, Set<String> bases, Map<ReferenceType, Boolean> member) {
        Boolean known = member.get(c);
        if (known != null) {
            return known;
        }
        ClassType sup = c.superclass();
        boolean in = bases.contains(c.name()) || (sup != null && inFamily(sup, bases, member));
        member.put(c, in);
        return in;
    }

    /** Exact-type instance counts, in one request. */
    public long[] instanceCounts(List<? extends ReferenceType> types) {
        return call("counting instances", () -> vm.instanceCounts(types));
    }

    /** Every instance of exactly this type. */
    public List<HeapObject> instances(ReferenceType type) {
        return call("listing instances of " + type.name(), () -> {
            List<HeapObject> out = new ArrayList<>();
            for (ObjectReference o : type.instances(0)) {
                out.add(mirror(o));
            }
            return out;
        });
    }

    /** False only when the class is not loaded or has no instance; answered once per class per session. */
    public boolean heapMayContain(String className) {
        return mayContain.computeIfAbsent(className, name -> {
            List<ReferenceType> types = mirrors.fieldIndex().classes(name);
            if (types.isEmpty()) {
                return false;
            }
            if (!vm.canGetInstanceInfo()) {
                return true;
            }
            long total = 0;
            for (long n : instanceCounts(types)) {
                total += n;
            }
            return total > 0;
        });
    }

    // ---- for the mirrors -----------------------------------------------------------------------------------

    /** Field lookups, class hierarchies and value conversion for the mirrors of this session. */
    Mirrors mirrors() {
        return mirrors;
    }

    // ---- teardown ------------------------------------------------------------------------------------------

    /**
     * Leaves the target as it was: deletes every event request, undoes our suspensions, lets pinned objects be
     * collected again, disposes the connection (never exits the VM) and ends a launched JVM. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            EventRequestManager erm = vm.eventRequestManager();
            erm.deleteAllBreakpoints();
            List<List<? extends com.sun.jdi.request.EventRequest>> lists = List.of(erm.stepRequests(),
                    erm.classPrepareRequests(), erm.classUnloadRequests(), erm.exceptionRequests(),
                    erm.methodEntryRequests(), erm.methodExitRequests(), erm.accessWatchpointRequests(),
                    erm.modificationWatchpointRequests(), erm.threadStartRequests(), erm.threadDeathRequests(),
                    erm.monitorContendedEnterRequests(), erm.monitorContendedEnteredRequests(),
                    erm.monitorWaitRequests(), erm.monitorWaitedRequests(), erm.vmDeathRequests());
            for (var list : lists) {
                for (com.sun.jdi.request.EventRequest request : new ArrayList<>(list)) {
                    try {
                        erm.deleteEventRequest(request);
                    } catch (com.sun.jdi.request.InvalidRequestStateException e) {
                        // the event loop deleted it meanwhile (a one-shot method-exit probe): gone either way
                    }
                }
            }
            // breakpoints: with every request gone, stop the event loop and resume the threads it held
            // (stopped at a break) and any event set still queued, so no thread stays suspended by us
            io.mapdbg.session.events.EventLoop loop;
            synchronized (this) {
                loop = events;
            }
            if (loop != null) {
                loop.close();
            }
            runCloseHooks();
            synchronized (suspendLock) {
                for (; suspendDepth > 0; suspendDepth--) {
                    vm.resume();
                }
            }
            ids.unpinAll();
        } catch (VMDisconnectedException e) {
            // the VM is gone: nothing left to undo there
        } finally {
            try {
                ids.closeLedger(); // this connection may have shown any id up to its highest
            } catch (RuntimeException e) {
                // an unwritable ledger stays marked open: the next connection trusts none of it
            }
            runCloseHooks(); // once: a hook that ran above is gone from the list
            try {
                vm.dispose();
            } catch (VMDisconnectedException e) {
                // already disconnected
            }
            if (launched != null) {
                launched.destroy();
            }
        }
    }

    private void runCloseHooks() {
        for (Runnable hook : closeHooks) {
            if (closeHooks.remove(hook)) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    // a consumer that fails to stop must not keep the target attached
                }
            }
        }
    }

    /** Closed by us (detach, or Ctrl-C/SIGTERM under a running command): a lost connection then is no exit. */
    public boolean isClosed() {
        return closed.get();
    }
}
