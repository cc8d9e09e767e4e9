package io.mapdbg.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Trace conditions as the CLI sends them, read back and evaluated over plain objects: field reads only. */
class ConditionTreeTest {
    /** Every method a debugger must not run throws. */
    static final class Key {
        final int id;
        final String name;

        Key(int id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode ran");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("equals ran");
        }

        @Override
        public String toString() {
            throw new AssertionError("toString ran");
        }
    }

    static final class Order {
        final long amount;
        final int[] parts = {4, 5};

        Order(long amount) {
            this.amount = amount;
        }
    }

    private static boolean test(String wire, Object key, Object value) {
        return ConditionTree.parse(wire, HashMap.class).test(new HashMap<>(), key, value);
    }

    @Test
    void readsFieldsComparesStringsByValueAndRunsNoApplicationCode() {
        Key k = new Key(3, "a 3");
        assertThat(test("== .name $key s:3:a 3", k, null)).isTrue();
        assertThat(test("== .name $key s:3:a 4", k, null)).isFalse();
        assertThat(test("&& == .id $key i:3 ! == $key n", k, null)).isTrue();
        assertThat(test("== $key $key", k, null)).as("identity, not equals").isTrue();
        assertThat(test("|| b:true .no $key", k, null)).as("short-circuit").isTrue();
    }

    @Test
    void arithmeticComparisonsArraysAndInstanceof() {
        Order o = new Order(30);
        assertThat(test(">= + .amount $value i:5 l:35", null, o)).isTrue();
        assertThat(test("< * .amount $value d:0.5 i:15", null, o)).isFalse();
        assertThat(test("== [ .parts $value i:1 i:5", null, o)).isTrue();
        assertThat(test("== .length .parts $value i:2", null, o)).isTrue();
        assertThat(test("is:CharSequence $key", "s", null)).isTrue();
        assertThat(test("is:Order $value", null, o)).isTrue();
        assertThat(test("== $size i:0", null, null)).as("a bare name is a field of the map").isTrue();
    }

    @Test
    void whatCannotBeEvaluatedThrowsAndWhatCannotBeReadIsRefused() {
        assertThatThrownBy(() -> test("== .name $key s:1:x", null, null)).hasMessageContaining("null dereference");
        assertThatThrownBy(() -> test("== .nosuch $key i:1", new Key(1, "x"), null)).hasMessageContaining("no field");
        assertThatThrownBy(() -> test("/ i:1 i:0", null, null)).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> test("+ .id $key i:1", new Key(1, "x"), null)).hasMessageContaining("must be a boolean");
        assertThatThrownBy(() -> ConditionTree.parse("== $nosuch i:1", HashMap.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown name 'nosuch'");
        assertThatThrownBy(() -> ConditionTree.parse("== $key", null)).hasMessageContaining("ends too early");
    }
}
