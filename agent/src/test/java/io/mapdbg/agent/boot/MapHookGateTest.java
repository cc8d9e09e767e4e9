package io.mapdbg.agent.boot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which gate the woven code may use: the one-comparison gate ({@code enterOne}: {@code this == w0}) only while the
 * one watched map is w0; otherwise the boolean {@code any}, which must then be true whenever anything is watched.
 */
class MapHookGateTest {
    private final Object a = new HashMap<String, Integer>();
    private final Object b = new HashMap<String, Integer>();

    @AfterEach
    void clean() {
        MapHook.unwatchAll();
    }

    @Test
    void oneWatchedMapIsW0AndTheOneComparisonGateServes() {
        assertThat(MapHook.any).isFalse();
        MapHook.watch(a, 1, MapHook.TRACE);
        assertThat(MapHook.oneGate()).isTrue();
        assertThat(MapHook.w0).isSameAs(a);
        assertThat(MapHook.any).as("the other gate sees it too, while the classes are being rewoven").isTrue();
    }

    @Test
    void aSecondMapOrAMapLeftInAnotherSlotNeedsTheOtherGate() {
        MapHook.watch(a, 1, MapHook.TRACE);
        MapHook.watch(b, 2, MapHook.TRACE);
        assertThat(MapHook.oneGate()).isFalse();
        MapHook.unwatch(a); // b stays alone, but in slot 1: w0 is empty, so this == w0 would miss it
        assertThat(MapHook.w0).isNull();
        assertThat(MapHook.oneGate()).isFalse();
        assertThat(MapHook.any).isTrue();
        MapHook.unwatch(b);
        assertThat(MapHook.any).isFalse();
    }

    @Test
    void racesAllNeedsTheOtherGate() {
        MapHook.racesAll(true);
        try {
            assertThat(MapHook.oneGate()).isFalse();
        } finally {
            MapHook.racesAll(false);
        }
        assertThat(MapHook.oneGate()).isTrue();
    }
}
