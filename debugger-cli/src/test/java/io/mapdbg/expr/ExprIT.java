package io.mapdbg.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.ClassType;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StringReference;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.command.ProgressSink;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.examples.fixtures.ExprTarget;
import io.mapdbg.model.Printed;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.session.TargetException;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Expressions evaluated in real frames of a fixture JVM, stopped by a raw JDI breakpoint. */
@ExtendWith(KillTargetsAfterAll.class)
class ExprIT {
    private static final String T = ExprTarget.class.getName();
    private static TargetJvm jvm;
    private static Session session;

    @BeforeAll
    static void attach() throws Exception {
        jvm = TargetJvm.start(ExprTarget.class);
        jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
        session = Session.attach(new Target.Pid(jvm.pid()), Files.createTempDirectory("mapdbg-cache"));
    }

    @AfterAll
    static void detach() {
        if (session != null) {
            session.close();
        }
        if (jvm != null) {
            jvm.close();
        }
    }

    private static Object eval(String text, Scope scope) {
        return Evaluator.evaluate(Expressions.parse(text), scope);
    }

    /** Breaks on the method, skips hits until stopWhen holds, runs the check in that frame; always cleans up. */
    private static void atHit(Method method, ObjectReference instanceFilter, Predicate<Scope> stopWhen,
                              Consumer<BreakpointEvent> check) throws InterruptedException {
        var erm = session.vm().eventRequestManager();
        BreakpointRequest request = erm.createBreakpointRequest(method.location());
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        if (instanceFilter != null) {
            request.addInstanceFilter(instanceFilter);
        }
        EventSet held = null;
        try {
            request.enable();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (held == null) {
                EventSet set = session.vm().eventQueue().remove(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                assertThat(set).as("a breakpoint hit within 30 s").isNotNull();
                BreakpointEvent hit = null;
                for (Event e : set) {
                    if (e instanceof BreakpointEvent b && b.request().equals(request)) {
                        hit = b;
                    }
                }
                if (hit != null && stopWhen.test(Scope.of(frame(hit), false))) {
                    held = set;
                    check.accept(hit);
                } else {
                    set.resume();
                }
            }
        } finally {
            erm.deleteEventRequest(request);
            if (held != null) {
                held.resume();
            }
        }
    }

    private static com.sun.jdi.StackFrame frame(BreakpointEvent hit) {
        try {
            return hit.thread().frame(0);
        } catch (com.sun.jdi.IncompatibleThreadStateException e) {
            throw new AssertionError(e);
        }
    }

    private static Method method(String className, String name) {
        ClassType type = (ClassType) session.vm().classesByName(className).get(0);
        return type.methodsByName(name).stream().filter(m -> !m.isAbstract()).findFirst().orElseThrow();
    }

    private static Object field(ObjectReference o, String declaring, String name) {
        return Values.of(o.getValue(Values.field(o, declaring, name)));
    }

    @Test
    void conditionsFieldsAndHelpersInTheFrameOfRecord() throws Exception {
        Expr condition = Expressions.parse("key == \"k-3\"");
        atHit(method(T, "record"), null, scope -> Evaluator.test(condition, scope), hit -> {
            Scope scope = Scope.of(frame(hit), false);
            assertThat(scope.variables()).containsKeys("key", "value");
            assertThat(((StringReference) eval("key", scope)).value()).isEqualTo("k-3");
            assertThat(Evaluator.test(Expressions.parse("value > 2 && !(key == null)"), scope)).isTrue();
            assertThat(Evaluator.test(Expressions.parse("value == 3 && value * 2 + 1 == 7L && value / 2 == 1"), scope)).isTrue();
            assertThat(Evaluator.test(Expressions.parse("key != \"k-4\" && key instanceof String && this instanceof ExprTarget"), scope)).isTrue();

            ObjectReference self = scope.thisObject();
            ObjectReference map = (ObjectReference) field(self, T, "map");
            int size = (Integer) field(map, "java.util.HashMap", "size");
            ArrayReference table = (ArrayReference) field(map, "java.util.HashMap", "table");
            assertThat(eval("this.map.size", scope)).isEqualTo(size);
            assertThat(eval("len(this.map)", scope)).isEqualTo(size);
            assertThat(eval("map.table.length", scope)).isEqualTo(table.length());
            int h = "k-3".hashCode();
            assertThat(eval("hash(key)", scope)).isEqualTo(h);
            assertThat(eval("hash(value)", scope)).isEqualTo(3);
            assertThat(eval("bin(this.map, key)", scope)).isEqualTo((table.length() - 1) & (h ^ (h >>> 16)));
            assertThat(eval("bin(map, \"k-3\") == bin(map, key)", scope)).isEqualTo(true);
            assertThat(((StringReference) eval("label", scope)).value()).isEqualTo("orders");
            assertThat(eval("calls >= 0L", scope)).isEqualTo(true);
            assertThat(eval("len(label) + 1", scope)).isEqualTo(7);
            assertThat(eval("key + \"/\" + value", scope)).isEqualTo("k-3/3");

            assertThatThrownBy(() -> eval("this.nope", scope)).hasMessage("column 6: no field nope in " + T);
            assertThatThrownBy(() -> eval("value / 0", scope)).hasMessage("column 7: division by zero");
            assertThatThrownBy(() -> eval("kee == null", scope))
                    .hasMessageStartingWith("column 1: unknown name 'kee': not an argument, local or field here (here: key, value");
            assertThatThrownBy(() -> eval("key > 1", scope)).hasMessageContaining("column 5: > needs numbers");
            assertThatThrownBy(() -> eval("hash(this)", scope))
                    .hasMessageContaining("column 6: hash(this) of a " + T + " would need to invoke hashCode() in the target")
                    .hasMessageContaining("invoke on");

            // invoke on: hashCode() runs on the stopped thread; the scope was read before, so it stays usable
            Scope invoking = Scope.of(frame(hit), true);
            ObjectReference selfAgain = invoking.thisObject();
            assertThat(eval("hash(this)", invoking)).isInstanceOf(Integer.class);
            assertThat(eval("this == this && key == \"k-3\"", invoking)).isEqualTo(true);
            assertThat(selfAgain).isEqualTo(self);
        });
    }

    @Test
    void theMapWritePathHasItsArgumentsByName() throws Exception {
        ObjectReference map = (ObjectReference) eval(T + ".INSTANCE.map", Scope.global(session.vm(), false));
        atHit(method("java.util.HashMap", "putVal"), map, scope -> true, hit -> {
            Scope scope = Scope.of(frame(hit), false);
            assertThat(scope.variables().keySet()).startsWith("hash", "key", "value", "onlyIfAbsent", "evict");
            assertThat(eval("this == " + T + ".INSTANCE.map", scope)).isEqualTo(true);
            String key = ((StringReference) eval("key", scope)).value();
            ArrayReference table = (ArrayReference) field(map, "java.util.HashMap", "table");
            int h = key.hashCode();
            assertThat(eval("bin(this, key)", scope)).isEqualTo((table.length() - 1) & (h ^ (h >>> 16)));
            assertThat(eval("hash", scope)).isEqualTo(h ^ (h >>> 16)); // HashMap.hash(key), passed as argument 0
            assertThat(eval("onlyIfAbsent || evict == false", scope)).isEqualTo(false);
            assertThat(eval("table.length", scope)).isEqualTo(table.length());
        });
    }

    @Test
    void staticPathsNeedNoFrame() {
        Scope global = Scope.global(session.vm(), false);
        assertThat(eval(T + ".NUMBERS.length", global)).isEqualTo(5);
        assertThat(eval(T + ".NUMBERS[2] * 10", global)).isEqualTo(40);
        assertThat(eval("len(" + T + ".STATIC_MAP)", global)).isEqualTo(40);
        ObjectReference chm = (ObjectReference) eval(T + ".STATIC_MAP", global);
        int n = ((ArrayReference) field(chm, "java.util.concurrent.ConcurrentHashMap", "table")).length();
        int h = "s-7".hashCode();
        assertThat(eval("bin(" + T + ".STATIC_MAP, \"s-7\")", global)).isEqualTo((n - 1) & ((h ^ (h >>> 16)) & 0x7fffffff));
        assertThat(eval("1 + 2 * 3L", global)).isEqualTo(7L);
        assertThatThrownBy(() -> eval(T + ".NUMBERS[5]", global)).hasMessageContaining("index 5 out of bounds for length 5");
        assertThatThrownBy(() -> eval("key", global)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).needsFrame()).isTrue());
    }

    @Test
    void printCommandThroughTheDispatcher() throws Exception {
        Dispatcher dispatcher = new Dispatcher(CommandRegistry.standard());
        CommandContext context = new CommandContext(session, new ValueHistory(), ProgressSink.NONE, true);
        Printed length = (Printed) dispatcher.execute(List.of("print", T + ".NUMBERS.length"), context).result();
        assertThat(length.value()).isEqualTo("5");
        assertThat(length.valueType()).isEqualTo("int");
        assertThatThrownBy(() -> dispatcher.execute(List.of("print", "key"), context))
                .isInstanceOf(TargetException.class) // the service's error: one line, as a command's
                .hasMessageStartingWith("print needs a stopped thread: stop at a breakpoint or select one with thread <id>");
        assertThatThrownBy(() -> dispatcher.execute(List.of("print", "len(", "x"), context))
                .hasMessageStartingWith("print: column 7: expected ')'");

        Expr condition = Expressions.parse("key == \"k-5\"");
        atHit(method(T, "record"), null, scope -> Evaluator.test(condition, scope), hit -> {
            session.focus().select(hit.thread());
            try {
                Printed key = (Printed) dispatcher.execute(List.of("print", "key"), context).result();
                assertThat(key.value()).isEqualTo("\"k-5\"");
                assertThat(key.valueType()).isEqualTo("java.lang.String");
                assertThat(key.frame()).startsWith(T + ".record line ");
                Printed value = (Printed) dispatcher.execute(List.of("print", "value", "+", "1"), context).result();
                assertThat(value.value()).isEqualTo("6");
                Printed map = (Printed) dispatcher.execute(List.of("print", "this.map"), context).result();
                assertThat(map.valueType()).isEqualTo("java.util.HashMap");
                assertThat(map.id()).isNotNull();
                assertThatThrownBy(() -> dispatcher.execute(List.of("print", "hash(this)"), context))
                        .hasMessageContaining("invoke on");
                dispatcher.execute(List.of("invoke", "on"), context);
                Printed hash = (Printed) dispatcher.execute(List.of("print", "hash(this)"), context).result();
                assertThat(hash.valueType()).isEqualTo("int");
            } finally {
                context.allowInvoke(false);
                session.focus().clear();
            }
        });
    }
}
