package io.mapdbg.session.events;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.MethodExitEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.MethodExitRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JDI breakpoints at a set of locations, armed now where the class is loaded and on its {@code ClassPrepareEvent}
 * otherwise (jdb's deferred breakpoints). Suspends only the event thread. An optional thread filter is evaluated
 * in the target (cheap); no instance filter is ever used (it costs a global safepoint per call). Every request it
 * made is deleted by {@link #disarm()}.
 */
public final class Probe {
    /** Receives hits on the loop thread; returns true to keep the thread stopped. */
    @FunctionalInterface
    public interface Handler {
        boolean onHit(ProbeHit hit);
    }

    private final VirtualMachine vm;
    private final List<ProbeSpec> specs;
    private final ThreadReference threadFilter;
    private final Handler handler;
    private final List<EventRequest> requests = new ArrayList<>(); // guarded by this
    private final Set<String> resolved = new LinkedHashSet<>(); // guarded by this
    private final Set<String> pending = new LinkedHashSet<>(); // guarded by this
    private final Set<String> unarmed = new LinkedHashSet<>(); // guarded by this: why a loaded class gave no place
    private boolean armed;

    Probe(VirtualMachine vm, List<ProbeSpec> specs, ThreadReference threadFilter, Handler handler) {
        this.vm = vm;
        this.specs = List.copyOf(specs);
        this.threadFilter = threadFilter;
        this.handler = handler;
    }

    synchronized void arm() {
        armed = true;
        EventRequestManager erm = vm.eventRequestManager();
        Set<String> classes = new LinkedHashSet<>();
        specs.forEach(s -> classes.add(s.className()));
        for (String className : classes) {
            List<ReferenceType> loaded = vm.classesByName(className);
            loaded.stream().filter(ReferenceType::isPrepared).forEach(this::armIn);
            if (loaded.stream().noneMatch(ReferenceType::isPrepared)) {
                pending.add(className);
            }
            // also armed when loaded later (or by another class loader)
            ClassPrepareRequest prepare = erm.createClassPrepareRequest();
            prepare.addClassFilter(className);
            prepare.setSuspendPolicy(EventRequest.SUSPEND_ALL); // no thread may run the class before we arm it
            prepare.putProperty(EventLoop.HANDLER, (EventHandler) e -> {
                onPrepare(((ClassPrepareEvent) e).referenceType());
                return false;
            });
            prepare.enable();
            requests.add(prepare);
        }
    }

    private synchronized void onPrepare(ReferenceType type) {
        if (armed) {
            pending.remove(type.name());
            armIn(type);
        }
    }

    private void armIn(ReferenceType type) {
        EventRequestManager erm = vm.eventRequestManager();
        for (ProbeSpec spec : specs) {
            if (!spec.className().equals(type.name())) {
                continue;
            }
            List<Location> places = locations(type, spec);
            if (places.isEmpty()) {
                unarmed.add(whyNoPlace(type, spec));
            }
            for (Location at : places) {
                BreakpointRequest bp = erm.createBreakpointRequest(at);
                bp.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                if (threadFilter != null) {
                    bp.addThreadFilter(threadFilter);
                }
                bp.putProperty(EventLoop.HANDLER, (EventHandler) e -> {
                    BreakpointEvent b = (BreakpointEvent) e;
                    return handler.onHit(new ProbeHit(this, b.thread(), b.location()));
                });
                bp.enable();
                requests.add(bp);
                resolved.add(describe(at, spec));
            }
        }
    }

    private static List<Location> locations(ReferenceType type, ProbeSpec spec) {
        List<Location> out = new ArrayList<>();
        if (spec.method() != null) {
            for (Method m : type.methodsByName(spec.method())) {
                if (!m.isAbstract() && !m.isNative() && m.location() != null) {
                    out.add(m.location());
                }
            }
            return out;
        }
        try {
            List<Location> atLine = type.locationsOfLine(spec.line());
            if (!atLine.isEmpty()) {
                out.add(atLine.get(0));
            }
        } catch (AbsentInformationException e) {
            // compiled without line numbers: nothing to break on; the probe reports it unresolved
        }
        return out;
    }

    /** Why a loaded class has no place for spec: no such method, no code at that line, no line numbers. */
    private static String whyNoPlace(ReferenceType type, ProbeSpec spec) {
        if (spec.method() != null) {
            List<Method> named = type.methodsByName(spec.method());
            return named.isEmpty() ? type.name() + " has no method " + spec.method()
                    : type.name() + "." + spec.method() + " is abstract or native: no code to break in";
        }
        try {
            List<Location> all = type.allLineLocations();
            if (all.isEmpty()) {
                return type.name() + " has no code with line numbers";
            }
            int first = Integer.MAX_VALUE;
            int last = 0;
            for (Location l : all) {
                first = Math.min(first, l.lineNumber());
                last = Math.max(last, l.lineNumber());
            }
            return type.name() + " has no code at line " + spec.line() + " (its code is on lines " + first + "-" + last + ")";
        } catch (AbsentInformationException e) {
            return type.name() + " was compiled without line numbers: no line to break at";
        }
    }

    private static String describe(Location at, ProbeSpec spec) {
        Method m = at.method();
        String args = String.join(",", m.argumentTypeNames().stream().map(Probe::simple).toList());
        String where = at.declaringType().name() + "." + m.name() + "(" + args + ")";
        return spec.method() != null ? where : where + ":" + at.lineNumber();
    }

    private static String simple(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    /**
     * Arms a one-shot method-exit request for this thread and method: when the frame at this depth returns, the
     * callback sees the exit event (its return value) while the thread is stopped, and the request is deleted.
     * The class filter keeps other classes' exits inside the target.
     */
    public synchronized void onReturn(ProbeHit hit, Predicate<MethodExitEvent> callback) {
        if (!armed) {
            return;
        }
        Method method = hit.method();
        int depth = hit.frameCount();
        MethodExitRequest exit = vm.eventRequestManager().createMethodExitRequest();
        exit.addThreadFilter(hit.thread());
        exit.addClassFilter(method.declaringType());
        exit.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        exit.putProperty(EventLoop.HANDLER, (EventHandler) e -> {
            MethodExitEvent me = (MethodExitEvent) e;
            if (!me.method().equals(method) || hit.frameCount() != depth) {
                return false;
            }
            delete(exit);
            return callback.test(me);
        });
        exit.enable();
        requests.add(exit);
    }

    private synchronized void delete(EventRequest request) {
        requests.remove(request);
        try {
            vm.eventRequestManager().deleteEventRequest(request);
        } catch (VMDisconnectedException e) {
            // gone
        }
    }

    /** Deletes every request this probe made; idempotent. */
    public synchronized void disarm() {
        armed = false;
        try {
            vm.eventRequestManager().deleteEventRequests(new ArrayList<>(requests));
        } catch (VMDisconnectedException e) {
            // gone: nothing armed there any more
        }
        requests.clear();
    }

    public synchronized boolean armed() {
        return armed;
    }

    /** What the locations resolved to so far, e.g. {@code java.util.HashMap.putVal(int,Object,Object,boolean,boolean)}. */
    public synchronized List<String> resolved() {
        return List.copyOf(resolved);
    }

    /** Why classes that are loaded gave no place to arm (no such method or line), for a probe armed nowhere. */
    public synchronized List<String> unarmed() {
        return List.copyOf(unarmed);
    }

    /** Classes not loaded yet: armed when they load. */
    public synchronized List<String> pending() {
        return List.copyOf(pending);
    }

    /** How many requests are live (tests and the cost line). */
    public synchronized int requestCount() {
        return requests.size();
    }
}
