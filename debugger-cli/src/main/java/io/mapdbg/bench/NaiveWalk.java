package io.mapdbg.bench;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark baseline: walks a HashMap over JDWP the way a first attempt would, one field per round
 * trip. The table field, then each bin with its own {@code table.getValue(i)}, then for every node
 * {@code hash}, {@code key}, {@code value} and {@code next}, each with its own {@code getValue}.
 * Never reads more than one array element per call, so it stays far below the 65,536-element limit
 * of one JDWP array read.
 *
 * <p>Run: {@code java -cp mapdbg-cli-*-all.jar io.mapdbg.bench.NaiveWalk <pid> <pkg.Class.FIELD>}.
 * Prints one line: {@code entries=N nonEmptyBins=B capacity=C seconds=S} (seconds: the walk only,
 * from the table read to the last node, without attach and detach). Exit 1 on any failure.
 */
public final class NaiveWalk {
    private NaiveWalk() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: NaiveWalk <pid> <pkg.Class.FIELD>");
            System.exit(2);
        }
        String ref = args[1];
        int dot = ref.lastIndexOf('.');
        if (dot <= 0) {
            System.err.println("NaiveWalk: not a static path: " + ref);
            System.exit(2);
        }
        String className = ref.substring(0, dot);
        String fieldName = ref.substring(dot + 1);

        VirtualMachine vm = attach(args[0]);
        boolean suspended = false;
        try {
            vm.suspend();
            suspended = true;
            List<ReferenceType> types = vm.classesByName(className);
            if (types.isEmpty()) {
                throw new IllegalStateException("class not loaded in the target: " + className);
            }
            ReferenceType holder = types.get(0);
            Field staticField = holder.fieldByName(fieldName);
            if (staticField == null) {
                throw new IllegalStateException("no field " + fieldName + " in " + className);
            }
            ObjectReference map = (ObjectReference) holder.getValue(staticField);
            if (map == null) {
                throw new IllegalStateException(ref + " is null");
            }

            long start = System.nanoTime();
            Field tableField = fieldOf(map.referenceType(), "table");
            ArrayReference table = (ArrayReference) map.getValue(tableField);
            long entries = 0;
            long nonEmpty = 0;
            int sink = 0; // keeps the reads from looking unused
            int capacity = table == null ? 0 : table.length();
            Map<ReferenceType, Field[]> nodeFields = new HashMap<>();
            for (int i = 0; i < capacity; i++) {
                ObjectReference node = (ObjectReference) table.getValue(i); // one element per round trip
                if (node != null) {
                    nonEmpty++;
                }
                while (node != null) {
                    Field[] f = nodeFields.computeIfAbsent(node.referenceType(), NaiveWalk::nodeFields);
                    Value hash = node.getValue(f[0]);   // a round trip each
                    Value key = node.getValue(f[1]);
                    Value value = node.getValue(f[2]);
                    sink ^= System.identityHashCode(hash) ^ System.identityHashCode(key) ^ System.identityHashCode(value);
                    entries++;
                    node = (ObjectReference) node.getValue(f[3]);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "entries=%d nonEmptyBins=%d capacity=%d seconds=%.3f%n",
                    entries, nonEmpty, capacity, seconds);
            if (sink == 42) {
                System.out.print("");
            }
        } finally {
            try {
                if (suspended) {
                    vm.resume();
                }
            } finally {
                vm.dispose();
            }
        }
    }

    private static VirtualMachine attach(String pid) throws Exception {
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.ProcessAttach"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no ProcessAttach connector"));
        Map<String, Connector.Argument> a = connector.defaultArguments();
        a.get("pid").setValue(pid);
        a.get("timeout").setValue("10000");
        // After a debugger detaches, a JDWP agent on address=...:0 listens again on a new port; until it
        // publishes that port, ProcessAttach fails with "Unable to determine transport endpoint". After a
        // walk of a large map this takes a while (seen once, after a 1M-entry walk): retry for up to 60 s.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return connector.attach(a);
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("transport endpoint")) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** hash, key, value, next of a HashMap.Node (or subclass: TreeNode links its nodes through next too). */
    private static Field[] nodeFields(ReferenceType type) {
        return new Field[] {fieldOf(type, "hash"), fieldOf(type, "key"), fieldOf(type, "value"), fieldOf(type, "next")};
    }

    private static Field fieldOf(ReferenceType type, String name) {
        Field f = type.fieldByName(name);
        if (f == null) {
            throw new IllegalStateException(type.name() + " has no field " + name);
        }
        return f;
    }
}
