package io.mapdbg.session.events;

import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;

import java.util.List;

/** Makes {@link Probe}s on one VM, all dispatched by its {@link EventLoop}. */
public final class Probes {
    private final VirtualMachine vm;

    public Probes(VirtualMachine vm) {
        this.vm = vm;
    }

    /** Arms breakpoints at the specs (now, or when their classes load); threadFilter may be null. */
    public Probe arm(List<ProbeSpec> specs, ThreadReference threadFilter, Probe.Handler handler) {
        Probe probe = new Probe(vm, specs, threadFilter, handler);
        probe.arm();
        return probe;
    }
}
