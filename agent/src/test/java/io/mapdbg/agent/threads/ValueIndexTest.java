package io.mapdbg.agent.threads;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's value index over live maps: values, a value's latch field and its sync, wrappers, JDK paths skipped. */
class ValueIndexTest {
    /** A value as applications keep them: state with a latch. */
    static final class OrderState {
        final CountDownLatch latch = new CountDownLatch(1);
    }

    @Test
    void latchesAndWhatValuesHoldAreFoundByTheirEntry() throws Exception {
        Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
        for (int i = 0; i < 50; i++) {
            latches.put("order-" + i, new CountDownLatch(1));
        }
        Map<String, OrderState> states = Collections.synchronizedMap(new HashMap<>());
        states.put("A7", new OrderState());
        Map<String, CountDownLatch> jdk = new HashMap<>(Map.of("x", new CountDownLatch(1)));
        Map<Object, String> maps = new IdentityHashMap<>();
        maps.put(latches, "com.acme.Orders.LATCHES");
        maps.put(states, "com.acme.Orders.STATES");
        maps.put(jdk, "java.lang.Whatever.MAP");

        ValueIndex index = ValueIndex.of(maps);

        ValueIndex.Slot slot = index.byObject(latches.get("order-17"));
        assertThat(slot.key).isEqualTo("order-17");
        assertThat(slot.path).isEqualTo("com.acme.Orders.LATCHES");
        assertThat(slot.map).isSameAs(latches);
        CountDownLatch held = states.get("A7").latch;
        assertThat(index.byObject(held).key).isEqualTo("A7");
        assertThat(index.byObject(held).map).isNotSameAs(states).isInstanceOf(HashMap.class); // the inner map
        java.lang.reflect.Field sync = CountDownLatch.class.getDeclaredField("sync");
        sync.setAccessible(true);
        assertThat(index.byObject(sync.get(held)).key).isEqualTo("A7");
        assertThat(index.byObject(jdk.get("x"))).as("maps of JDK statics are not indexed").isNull();
    }
}
