package io.mapdbg.locks.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import org.junit.jupiter.api.Test;

class ValueWaitTest {
    private static ValueWait wait(String path, String key, boolean stringKey, String heldBy, String detail) {
        return new ValueWait(new MapEntryRef(new MapRef(12, "java.util.HashMap", path), key), stringKey, heldBy,
                "java.util.concurrent.CountDownLatch", 34, "CountDownLatch", detail);
    }

    @Test
    void describesTheMapByItsFieldNameAndQuotesStringKeysOnly() {
        assertThat(wait("com.acme.Pay.ORDER_LATCHES", "order-17", true, null, "CountDownLatch, count 1").describe())
                .isEqualTo("ORDER_LATCHES[\"order-17\"] (CountDownLatch, count 1)");
        assertThat(wait("com.acme.Pay.PERMITS", "42", false, null, "Semaphore, 0 permits").describe())
                .isEqualTo("PERMITS[42] (Semaphore, 0 permits)");
        assertThat(wait(null, "say \"hi\"", true, "latch", "CountDownLatch, count 2").describe())
                .isEqualTo("@12[\"say \\\"hi\\\"\"].latch (CountDownLatch, count 2)");
    }

    @Test
    void simpleNamesOfNestedClasses() {
        assertThat(BlockerOwners.simpleName("io.x.Fixture$OrderState")).isEqualTo("OrderState");
        assertThat(BlockerOwners.outerSimpleName("java.util.concurrent.Semaphore$NonfairSync")).isEqualTo("Semaphore");
        assertThat(BlockerOwners.outerSimpleName("java.lang.Object")).isEqualTo("Object");
    }
}
