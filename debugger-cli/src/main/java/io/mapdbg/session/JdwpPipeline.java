package io.mapdbg.session;

import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance-field reads sent as raw JDWP {@code ObjectReference.GetValues} commands through JDI's own packet
 * layer, for two reasons measured on map walks: JDI's public {@code getValues} first asks the target for the
 * object's class (a second round trip per node), and it cannot keep several requests in flight. Here many
 * reads are enqueued before the first reply is awaited, so a walk pays the target's work, not the latency.
 *
 * <p>The caller must only pass instance fields the object is known to have (its static type guarantees it):
 * the JDWP back end does not check, and a wrong or static field crashes the target VM (seen here). Needs {@code --add-opens jdk.jdi/com.sun.tools.jdi=ALL-UNNAMED} (the fat jar's
 * manifest has it); without it {@link #available()} is false and callers use plain JDI.
 */
final class JdwpPipeline {
    /** Requests in flight at once: enough to hide latency, few enough to keep socket buffers small. */
    static final int WINDOW = 256;

    private static final Handles HANDLES = Handles.find();

    private JdwpPipeline() {
    }

    /** False without the JDI internals, or when the user turned it off with -Dmapdbg.pipeline=false. */
    static boolean available() {
        return HANDLES != null && !"false".equals(System.getProperty("mapdbg.pipeline"));
    }

    /** A static field in ObjectReference.GetValues makes the target's JDWP agent read garbage and crash it. */
    static boolean instanceFieldsOnly(List<Field> fields) {
        for (Field f : fields) {
            if (f.isStatic()) {
                return false;
            }
        }
        return true;
    }

    /** One object's request and, after {@link #readAll}, its values (null when the target refused it). */
    static final class Request {
        final ObjectReference object;
        final List<Field> fields;
        Map<Field, Value> values;

        Request(ObjectReference object, List<Field> fields) {
            if (!instanceFieldsOnly(fields)) {
                throw new IllegalArgumentException("static fields cannot be read as instance fields");
            }
            this.object = object;
            this.fields = fields;
        }
    }

    /** Reads every request, at most WINDOW in flight. JDI exceptions for single objects leave values null. */
    static void readAll(VirtualMachine vm, List<Request> requests) {
        Handles h = HANDLES;
        Map<List<Field>, Object> queries = new java.util.IdentityHashMap<>();
        for (int start = 0; start < requests.size(); start += WINDOW) {
            List<Request> window = requests.subList(start, Math.min(requests.size(), start + WINDOW));
            List<Object> streams = new ArrayList<>(window.size());
            for (Request r : window) {
                streams.add(h.enqueue(vm, r, queries));
            }
            for (int i = 0; i < window.size(); i++) {
                Request r = window.get(i);
                r.values = h.await(vm, streams.get(i), r);
            }
        }
    }

    /**
     * Learns the classes of many objects at once (JDI asks one object at a time, a round trip each) and leaves
     * each answer in JDI's own per-object cache, so referenceType() on them costs nothing afterwards.
     */
    static void learnTypes(VirtualMachine vm, List<ObjectReference> objects) {
        Handles h = HANDLES;
        for (int start = 0; start < objects.size(); start += WINDOW) {
            List<ObjectReference> window = objects.subList(start, Math.min(objects.size(), start + WINDOW));
            List<Object> streams = new ArrayList<>(window.size());
            for (ObjectReference o : window) {
                streams.add(h.enqueueType(vm, o));
            }
            for (int i = 0; i < window.size(); i++) {
                h.awaitType(vm, streams.get(i), window.get(i));
            }
        }
    }

    /** A command the target refused for one item (the thread ended, a stack shorter than asked...). */
    record Refused(int errorCode) {
    }

    /** JDWP's INVALID_LENGTH: ThreadReference.Frames asked for more frames than the stack has. */
    static final int INVALID_LENGTH = 504;

    /**
     * One of JDI's generated JDWP commands ({@code com.sun.tools.jdi.JDWP$Set$Command}), sent raw: its static
     * {@code enqueueCommand} writes the packet without waiting, {@code waitForReply} reads the answer. The
     * argument classes are JDI's implementation classes by simple name ("ThreadReferenceImpl") or primitives.
     */
    static final class Raw {
        private final Method enqueue;
        private final Method reply;
        private final Class<?> replyClass;

        private Raw(Method enqueue, Method reply, Class<?> replyClass) {
            this.enqueue = enqueue;
            this.reply = reply;
            this.replyClass = replyClass;
        }

        /** The command, or null when this JDI build has no such class (callers then use plain JDI). */
        static Raw find(String command, Object... argTypes) {
            if (HANDLES == null) {
                return null;
            }
            try {
                Class<?> cmd = Class.forName("com.sun.tools.jdi.JDWP$" + command);
                Class<?> vmImpl = Class.forName("com.sun.tools.jdi.VirtualMachineImpl");
                Class<?>[] params = new Class<?>[argTypes.length + 1];
                params[0] = vmImpl;
                for (int i = 0; i < argTypes.length; i++) {
                    params[i + 1] = argTypes[i] instanceof Class<?> c ? c : Class.forName("com.sun.tools.jdi." + argTypes[i]);
                }
                Method enqueue = cmd.getDeclaredMethod("enqueueCommand", params);
                enqueue.setAccessible(true);
                Method reply = cmd.getDeclaredMethod("waitForReply", vmImpl, Class.forName("com.sun.tools.jdi.PacketStream"));
                reply.setAccessible(true);
                return new Raw(enqueue, reply, cmd);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        /** A field of this command's reply (or of a nested reply record such as Frames$Frame), readable. */
        java.lang.reflect.Field replyField(String nested, String name) {
            try {
                Class<?> owner = nested == null ? replyClass : Class.forName(replyClass.getName() + "$" + nested);
                java.lang.reflect.Field f = owner.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Sends the command once per argument list, at most WINDOW in flight, and returns the replies in order:
         * the reply object, or {@link Refused} when the target refused that one.
         */
        List<Object> sendAll(VirtualMachine vm, List<Object[]> args) {
            List<Object> out = new ArrayList<>(args.size());
            for (int start = 0; start < args.size(); start += WINDOW) {
                List<Object[]> window = args.subList(start, Math.min(args.size(), start + WINDOW));
                List<Object> streams = new ArrayList<>(window.size());
                for (Object[] a : window) {
                    Object[] full = new Object[a.length + 1];
                    full[0] = vm;
                    System.arraycopy(a, 0, full, 1, a.length);
                    streams.add(invoke(enqueue, full));
                }
                for (Object stream : streams) {
                    out.add(awaitReply(vm, stream));
                }
            }
            return out;
        }

        private Object awaitReply(VirtualMachine vm, Object stream) {
            try {
                return reply.invoke(null, vm, stream);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (HANDLES.jdwpException().isInstance(cause)) {
                    return new Refused(errorCode(cause));
                }
                if (cause instanceof RuntimeException r) {
                    throw r; // VMDisconnectedException keeps its meaning
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Object invoke(Method m, Object[] args) {
            try {
                return m.invoke(null, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int errorCode(Throwable jdwpException) {
            try {
                java.lang.reflect.Field f = jdwpException.getClass().getDeclaredField("errorCode");
                f.setAccessible(true);
                return f.getShort(jdwpException);
            } catch (ReflectiveOperationException e) {
                return -1;
            }
        }
    }

    /** The JDI internals, looked up once. */
    private record Handles(MethodHandle fieldRef, MethodHandle newQueryField, Class<?> queryFieldClass,
                           MethodHandle enqueue, MethodHandle waitForReply, MethodHandle values,
                           Class<?> jdwpException, MethodHandle enqueueType, MethodHandle waitForType,
                           MethodHandle typeTag, MethodHandle typeId, MethodHandle typeMirror,
                           MethodHandle cacheType) {

        static Handles find() {
            try {
                Module jdi = VirtualMachine.class.getModule();
                if (!jdi.isOpen("com.sun.tools.jdi", JdwpPipeline.class.getModule())) {
                    return null;
                }
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> vmImpl = Class.forName("com.sun.tools.jdi.VirtualMachineImpl");
                Class<?> objImpl = Class.forName("com.sun.tools.jdi.ObjectReferenceImpl");
                Class<?> component = Class.forName("com.sun.tools.jdi.TypeComponentImpl");
                Class<?> getValues = Class.forName("com.sun.tools.jdi.JDWP$ObjectReference$GetValues");
                Class<?> queryField = Class.forName("com.sun.tools.jdi.JDWP$ObjectReference$GetValues$Field");
                Class<?> packetStream = Class.forName("com.sun.tools.jdi.PacketStream");
                Class<?> jdwpException = Class.forName("com.sun.tools.jdi.JDWPException");
                MethodHandles.Lookup jdiLookup = MethodHandles.privateLookupIn(vmImpl, lookup);
                var ref = component.getDeclaredMethod("ref");
                ref.setAccessible(true);
                var ctor = queryField.getDeclaredConstructor(long.class);
                ctor.setAccessible(true);
                var enqueue = getValues.getDeclaredMethod("enqueueCommand", vmImpl, objImpl, queryField.arrayType());
                enqueue.setAccessible(true);
                var wait = getValues.getDeclaredMethod("waitForReply", vmImpl, packetStream);
                wait.setAccessible(true);
                var values = getValues.getDeclaredField("values");
                values.setAccessible(true);
                Class<?> typeCommand = Class.forName("com.sun.tools.jdi.JDWP$ObjectReference$ReferenceType");
                var enqueueType = typeCommand.getDeclaredMethod("enqueueCommand", vmImpl, objImpl);
                enqueueType.setAccessible(true);
                var waitType = typeCommand.getDeclaredMethod("waitForReply", vmImpl, packetStream);
                waitType.setAccessible(true);
                var tag = typeCommand.getDeclaredField("refTypeTag");
                tag.setAccessible(true);
                var typeId = typeCommand.getDeclaredField("typeID");
                typeId.setAccessible(true);
                var mirror = vmImpl.getDeclaredMethod("referenceType", long.class, byte.class);
                mirror.setAccessible(true);
                var cache = objImpl.getDeclaredField("type");
                cache.setAccessible(true);
                return new Handles(jdiLookup.unreflect(ref), jdiLookup.unreflectConstructor(ctor), queryField,
                        jdiLookup.unreflect(enqueue), jdiLookup.unreflect(wait), jdiLookup.unreflectGetter(values),
                        jdwpException, jdiLookup.unreflect(enqueueType), jdiLookup.unreflect(waitType),
                        jdiLookup.unreflectGetter(tag), jdiLookup.unreflectGetter(typeId), jdiLookup.unreflect(mirror),
                        jdiLookup.unreflectSetter(cache));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // another JDI build: plain getValues still works
            }
        }

        Object enqueue(VirtualMachine vm, Request r, Map<List<Field>, Object> queries) {
            try {
                Object query = queries.get(r.fields); // the query only names fields: one per field list is enough
                if (query == null) {
                    query = Array.newInstance(queryFieldClass, r.fields.size());
                    for (int i = 0; i < r.fields.size(); i++) {
                        Array.set(query, i, newQueryField.invoke((long) fieldRef.invoke(r.fields.get(i))));
                    }
                    queries.put(r.fields, query);
                }
                return enqueue.invoke(vm, r.object, query);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        Object enqueueType(VirtualMachine vm, ObjectReference o) {
            try {
                return enqueueType.invoke(vm, o);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        void awaitType(VirtualMachine vm, Object stream, ObjectReference o) {
            try {
                Object reply = waitForType.invoke(vm, stream);
                Object type = typeMirror.invoke(vm, (long) typeId.invoke(reply), (byte) typeTag.invoke(reply));
                cacheType.invoke(o, type);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                if (!jdwpException.isInstance(t)) {
                    throw new IllegalStateException(t);
                } // this object only: referenceType() will ask again and report it
            }
        }

        Map<Field, Value> await(VirtualMachine vm, Object stream, Request r) {
            try {
                Object reply = waitForReply.invoke(vm, stream);
                Object[] vals = (Object[]) values.invoke(reply);
                if (vals.length != r.fields.size()) {
                    return null;
                }
                Map<Field, Value> out = new HashMap<>(vals.length * 2);
                for (int i = 0; i < vals.length; i++) {
                    out.put(r.fields.get(i), (Value) vals[i]);
                }
                return out;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                if (jdwpException.isInstance(t)) {
                    return null; // this object only (collected, say): the caller reads it again the plain way
                }
                throw new IllegalStateException(t);
            }
        }
    }
}
