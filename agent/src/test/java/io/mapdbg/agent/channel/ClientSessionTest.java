package io.mapdbg.agent.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSessionTest {

    @Test
    void closeRunsEveryDisarmOnceLastFirstEvenWhenOneThrows() {
        ClientSession s = ClientSession.open();
        List<String> ran = new ArrayList<>();
        s.onClose(() -> ran.add("first"));
        s.onClose(() -> {
            throw new IllegalStateException("a disarm that fails");
        });
        s.onClose(() -> ran.add("last"));
        assertThat(ClientSession.byId(s.id())).isSameAs(s);
        s.close();
        s.close();
        assertThat(ran).containsExactly("last", "first");
        assertThat(s.closed()).isTrue();
        assertThat(ClientSession.byId(s.id())).as("an ended session is not found").isNull();
    }

    @Test
    void aDisarmRegisteredAfterTheEndRunsAtOnce() {
        ClientSession s = ClientSession.open();
        s.close();
        List<String> ran = new ArrayList<>();
        s.onClose(() -> ran.add("late"));
        assertThat(ran).containsExactly("late");
    }

    @Test
    void sessionsHaveTheirOwnIds() {
        ClientSession a = ClientSession.open();
        ClientSession b = ClientSession.open();
        assertThat(a.id()).isNotEqualTo(b.id());
        a.close();
        assertThat(ClientSession.byId(b.id())).isSameAs(b);
        b.close();
    }
}
