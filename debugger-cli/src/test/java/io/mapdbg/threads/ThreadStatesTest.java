package io.mapdbg.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jdi.ThreadReference;
import org.junit.jupiter.api.Test;

class ThreadStatesTest {
    // threadStatus values HotSpot writes (java_lang_Thread::ThreadStatus): JVMTI bits
    private static final int RUNNABLE = 0x0001 | 0x0004;
    private static final int SLEEPING = 0x0001 | 0x0080 | 0x0020 | 0x0040;
    private static final int IN_OBJECT_WAIT = 0x0001 | 0x0080 | 0x0010 | 0x0100;
    private static final int IN_OBJECT_WAIT_TIMED = 0x0001 | 0x0080 | 0x0020 | 0x0100;
    private static final int PARKED = 0x0001 | 0x0080 | 0x0010 | 0x0200;
    private static final int PARKED_TIMED = 0x0001 | 0x0080 | 0x0020 | 0x0200;
    private static final int BLOCKED = 0x0001 | 0x0400;

    @Test
    void threadStatusDecodesAsThreadGetStateDoes() {
        assertThat(ThreadStates.fromThreadStatus(0)).isEqualTo("NEW");
        assertThat(ThreadStates.fromThreadStatus(RUNNABLE)).isEqualTo("RUNNABLE");
        assertThat(ThreadStates.fromThreadStatus(SLEEPING)).isEqualTo("TIMED_WAITING");
        assertThat(ThreadStates.fromThreadStatus(IN_OBJECT_WAIT)).isEqualTo("WAITING");
        assertThat(ThreadStates.fromThreadStatus(IN_OBJECT_WAIT_TIMED)).isEqualTo("TIMED_WAITING");
        assertThat(ThreadStates.fromThreadStatus(PARKED)).isEqualTo("WAITING");
        assertThat(ThreadStates.fromThreadStatus(PARKED_TIMED)).isEqualTo("TIMED_WAITING");
        assertThat(ThreadStates.fromThreadStatus(BLOCKED)).isEqualTo("BLOCKED");
        assertThat(ThreadStates.fromThreadStatus(0x0002)).isEqualTo("TERMINATED");
    }

    @Test
    void jdiWordsFollowTheState() {
        assertThat(ThreadStates.jdiStatusOf("TIMED_WAITING", SLEEPING)).isEqualTo("SLEEPING");
        assertThat(ThreadStates.jdiStatusOf("TIMED_WAITING", PARKED_TIMED)).isEqualTo("WAIT");
        assertThat(ThreadStates.jdiStatusOf("BLOCKED", BLOCKED)).isEqualTo("MONITOR");
        assertThat(ThreadStates.fromJdiStatus(ThreadReference.THREAD_STATUS_MONITOR)).isEqualTo("BLOCKED");
        assertThat(ThreadStates.fromJdiStatus(ThreadReference.THREAD_STATUS_SLEEPING)).isEqualTo("TIMED_WAITING");
    }

    @Test
    void filtersAreCaseInsensitiveAndAcceptJdiWords() {
        assertThat(ThreadStates.parseFilter("blocked")).isEqualTo("BLOCKED");
        assertThat(ThreadStates.parseFilter("Timed-Waiting")).isEqualTo("TIMED_WAITING");
        assertThat(ThreadStates.parseFilter("monitor")).isEqualTo("BLOCKED");
        assertThat(ThreadStates.parseFilter("ALL")).isNull();
        assertThat(ThreadStates.parseFilter(null)).isNull();
        assertThatThrownBy(() -> ThreadStates.parseFilter("sleepy")).hasMessageContaining("'sleepy'");
    }
}
