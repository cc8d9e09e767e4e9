package io.mapdbg.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackGroupsTest {
    private static final List<FrameInfo> IDLE = List.of(
            FrameInfo.location(0, "jdk.internal.misc.Unsafe", "park", null, null, true),
            FrameInfo.location(1, "com.acme.Pool", "idle", "Pool.java", 12, false));
    private static final List<FrameInfo> BLOCKED = List.of(
            FrameInfo.location(0, "com.acme.Orders", "put", "Orders.java", 40, false));
    private static final List<FrameInfo> BLOCKED_ELSEWHERE = List.of(
            FrameInfo.location(0, "com.acme.Orders", "put", "Orders.java", 41, false));

    private static ThreadInfo thread(long id, String state, List<FrameInfo> frames) {
        return new ThreadInfo(id, 1000 + id, "t-" + id, state, "WAIT", true, null, frames);
    }

    @Test
    void largestGroupFirstThenLowestIdAndLinesMatter() {
        List<ThreadInfo> threads = new ArrayList<>();
        threads.add(thread(7, "BLOCKED", BLOCKED));
        for (long id = 20; id > 8; id--) {
            threads.add(thread(id, "WAITING", IDLE));
        }
        threads.add(thread(3, "BLOCKED", BLOCKED_ELSEWHERE));
        threads.add(thread(5, "BLOCKED", BLOCKED));
        List<StackGroup> groups = StackGroups.group(threads, 3, 1);
        assertThat(groups).extracting(StackGroup::count).containsExactly(12, 2, 1);
        StackGroup idle = groups.get(0);
        assertThat(idle.threadIds()).containsExactly(9L, 10L, 11L);
        assertThat(idle.threads()).containsExactly("t-9", "t-10", "t-11");
        assertThat(idle.namesTruncated()).isTrue();
        assertThat(idle.states()).isEqualTo(Map.of("WAITING", 12));
        assertThat(idle.stackDepth()).isEqualTo(2);
        assertThat(idle.frames()).hasSize(1);
        assertThat(groups.get(1).threadIds()).containsExactly(5L, 7L);
        assertThat(groups.get(1).namesTruncated()).isFalse();
        assertThat(groups.get(2).frames().get(0).line()).isEqualTo(41);
    }

    @Test
    void threadsWithoutFramesFormOneGroup() {
        List<StackGroup> groups = StackGroups.group(List.of(thread(2, "RUNNABLE", List.of()),
                thread(4, "RUNNABLE", List.of())), 10, 0);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).frames()).isEmpty();
    }
}
