package io.mapdbg.agent.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.agent.SessionClassCache;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A per-class cache lives in the session served, is bounded, and goes with the session. */
class SessionClassCacheTest {

    @Test
    void entriesAreKeptPerSessionBoundedAndDroppedWithIt() {
        AtomicInteger computed = new AtomicInteger();
        SessionClassCache<String> cache = new SessionClassCache<>(2, c -> {
            computed.incrementAndGet();
            return c.getName();
        });
        ClientSession s = ClientSession.open();
        ClientSession.serving(s);
        try {
            assertThat(cache.get(String.class)).isEqualTo("java.lang.String");
            assertThat(cache.get(String.class)).isEqualTo("java.lang.String");
            assertThat(computed).as("computed once in a session").hasValue(1);
            cache.get(Integer.class);
            cache.get(Long.class);
            assertThat(cache.size()).as("bounded").isEqualTo(2);
        } finally {
            ClientSession.serving(null);
        }
        s.close();
        assertThat(s.attachment(cache)).as("the table goes with its session").isNull();

        ClientSession other = ClientSession.open();
        ClientSession.serving(other);
        try {
            assertThat(cache.size()).as("a new session starts empty").isZero();
            cache.get(String.class);
            assertThat(computed).hasValue(4);
        } finally {
            ClientSession.serving(null);
            other.close();
        }
        cache.get(String.class);
        assertThat(cache.size()).as("outside a session nothing is kept").isZero();
    }
}
