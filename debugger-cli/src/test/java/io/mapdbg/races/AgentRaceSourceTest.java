package io.mapdbg.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's stack frames shown as JDWP shows them, and the mutator a writer is in. */
class AgentRaceSourceTest {
    @Test
    void framesLoseTheirLoaderAndModuleButNotAHiddenClassSuffix() {
        assertThat(AgentRaceSource.frame("java.base@17.0.15/java.util.HashMap.putVal(HashMap.java:627)"))
                .isEqualTo("java.util.HashMap.putVal(HashMap.java:627)");
        assertThat(AgentRaceSource.frame("java.base/java.util.TreeMap.put(TreeMap.java)"))
                .isEqualTo("java.util.TreeMap.put(TreeMap.java)");
        assertThat(AgentRaceSource.frame("app//com.acme.Orders.add(Orders.java:12)")).isEqualTo("com.acme.Orders.add(Orders.java:12)");
        assertThat(AgentRaceSource.frame("app//com.acme.Orders$$Lambda$3/0x00007f2f88008b18.run(Unknown Source)"))
                .isEqualTo("com.acme.Orders$$Lambda$3/0x00007f2f88008b18.run(Unknown Source)");
        assertThat(AgentRaceSource.frame("com.acme.Orders.add(Orders.java:12)")).isEqualTo("com.acme.Orders.add(Orders.java:12)");
    }

    @Test
    void theMutatorIsTheFirstMapFrame() {
        assertThat(AgentRaceSource.method(List.of("java.util.HashMap.putVal(HashMap.java)",
                "java.util.HashMap.put(HashMap.java:610)", "com.acme.Orders.add(Orders.java:12)"))).isEqualTo("HashMap.putVal");
        assertThat(AgentRaceSource.method(List.of("jdk.internal.misc.Unsafe.park(Native Method)",
                "com.acme.Orders.run(Orders.java:20)"))).isEqualTo(AgentRaceSource.UNKNOWN_METHOD);
    }
}
