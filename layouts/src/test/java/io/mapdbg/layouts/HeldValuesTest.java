package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The held-values rule: values, what their fields hold, a held latch's sync; first entry told wins. */
class HeldValuesTest {
    /** A value as applications keep them: state with a latch. */
    static final class OrderState {
        final String id;
        final CountDownLatch latch;

        OrderState(String id, CountDownLatch latch) {
            this.id = id;
            this.latch = latch;
        }
    }

    @Test
    void valuesThenTheirFieldsThenALatchsSync() throws Exception {
        CountDownLatch direct = new CountDownLatch(1);
        CountDownLatch inState = new CountDownLatch(1);
        OrderState state = new OrderState("A7", inState);
        CompletableFuture<String> future = new CompletableFuture<>();
        List<Object> values = List.of(direct, state, "plain", future, direct);
        Map<Object, String> first = new IdentityHashMap<>();
        List<String> told = new ArrayList<>();
        HeldValues.index(new ReflectHeap(), values, (object, entry, heldBy) -> {
            told.add(entry + ":" + heldBy);
            first.putIfAbsent(object, entry + ":" + heldBy);
        });
        assertThat(first.get(direct)).isEqualTo("0:null");
        assertThat(first.get(state)).isEqualTo("1:null");
        assertThat(first.get(future)).isEqualTo("3:null");
        assertThat(first.get(inState)).isEqualTo("1:latch");
        assertThat(first.get("A7")).isEqualTo("1:id");
        assertThat(first.get(ReflectHeap.get(inState, "sync"))).isEqualTo("1:latch.sync");
        // the direct latch's own sync is its field: a value's fields are one level deep
        assertThat(first.get(ReflectHeap.get(direct, "sync"))).isEqualTo("0:sync");
        // the repeated value (entry 4) is told once, as entry 0's; the string's fields are not read
        assertThat(told).doesNotContain("4:null").noneMatch(t -> t.startsWith("2:") && !t.equals("2:null"));
    }
}
