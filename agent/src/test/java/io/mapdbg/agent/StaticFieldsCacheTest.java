package io.mapdbg.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The static-field scan caches each class's field list, never the values: a map stored in a static after a first
 * scan, and a class initialised after it, are found by the next scan.
 */
class StaticFieldsCacheTest {
    static final class Later {
        static Object slot;
    }

    static final class NotYet {
        static final Map<String, String> MAP = new HashMap<>();
    }

    @Test
    void aMapStoredAfterTheFirstScanIsFound() throws Exception {
        Instrumentation inst = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (p, m, a) -> {
                    if (m.getName().equals("getAllLoadedClasses")) {
                        return new Class<?>[] {Later.class, NotYet.class};
                    }
                    return null; // redefineModule and the rest: nothing to do in-process
                });
        ClassInit.init(inst);
        assertThat(ClassInit.initialized(NotYet.class)).as("NotYet must not be initialised yet").isFalse();
        Later.slot = "not a map";

        assertThat(maps(inst)).isEmpty();
        assertThat(ClassInit.initialized(NotYet.class)).as("the scan must not initialise a class").isFalse();

        Map<Integer, Integer> later = new HashMap<>();
        Later.slot = later;
        Class.forName(NotYet.class.getName(), true, getClass().getClassLoader());
        List<StaticFields.Holder> second = StaticFields.statics(inst, v -> v instanceof Map);
        assertThat(second.stream().map(h -> h.path).collect(Collectors.toList())).containsExactlyInAnyOrder(
                "io.mapdbg.agent.StaticFieldsCacheTest.Later.slot", "io.mapdbg.agent.StaticFieldsCacheTest.NotYet.MAP");
        assertThat(second.stream().anyMatch(h -> h.value == later)).isTrue();
        assertThat(second.stream().anyMatch(h -> h.value == NotYet.MAP)).isTrue();

        Later.slot = null;
        assertThat(maps(inst)).containsExactly("io.mapdbg.agent.StaticFieldsCacheTest.NotYet.MAP");
    }

    private static List<String> maps(Instrumentation inst) {
        return StaticFields.statics(inst, v -> v instanceof Map).stream().map(h -> h.path).collect(Collectors.toList());
    }
}
