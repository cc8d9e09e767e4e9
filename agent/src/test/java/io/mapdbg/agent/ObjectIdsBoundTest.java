package io.mapdbg.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** The id table outlives sessions, so it must not grow with the objects it once named: only live ones stay. */
class ObjectIdsBoundTest {

    @Test
    void idsOfCollectedObjectsAreDroppedAndLiveOnesStayValid() {
        ObjectIds ids = ObjectIds.get();
        Object kept = new Object();
        long keptId = ids.idOf(kept);
        Object gone = new Object();
        long goneId = ids.idOf(gone);
        WeakReference<Object> probe = new WeakReference<>(gone);
        gone = null;
        for (int round = 0; round < 50 && probe.get() != null; round++) {
            System.gc();
        }
        assertThat(probe.get()).as("collected").isNull();
        for (int i = 0; i < 200_000; i++) {
            ids.idOf(new Object()); // dropped at once: a busy server's maps that come and go
            if ((i & 0xffff) == 0) {
                System.gc();
            }
        }
        // the collected objects' references reach the table's queue after a GC: a bounded poll, not a sleep
        for (int round = 0; round < 100 && ids.size() >= 1000; round++) {
            System.gc();
        }
        assertThat(ids.size()).as("entries held after 200,000 short-lived objects").isLessThan(1000);
        assertThat(ids.byId(keptId)).isSameAs(kept);
        assertThat(ids.idOf(kept)).isEqualTo(keptId);
        assertThat(ids.byId(goneId)).isNull();
    }
}
