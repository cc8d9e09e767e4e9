package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.examples.fixtures.SessionTarget;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids are per JDWP connection: a later connection takes an id an earlier one printed only when it is proven the
 * same object (a final static path, the same class), and refuses the rest with one line (issue 16, point 1).
 */
@ExtendWith(KillTargetsAfterAll.class)
class LocatorCacheIT {

    private static final String T = SessionTarget.class.getName();

    @TempDir
    Path cacheDir;

    @Test
    void aLaterConnectionTakesOnlyWhatItCanProve() {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
            long byFinalPath;
            long noPath;
            long mutable;
            try (Session first = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject nested = first.resolveStaticPath(T + ".HOLDER.inner");
                first.remember(nested.id(), nested.className(), T + ".HOLDER.inner");
                HeapObject c = (HeapObject) first.resolveStaticPath(T + ".HOLDERS").arrayRange(2, 1).get(0);
                first.remember(c.id(), c.className(), null);
                HeapObject names = first.resolveStaticPath(T + ".Nested.BY_ID");
                first.remember(names.id(), names.className(), T + ".NOTHING"); // a path that is not final
                first.saveLocators();
                byFinalPath = nested.id();
                noPath = c.id();
                mutable = names.id();
                assertThat(first.isFinalPath(T + ".HOLDER.inner")).isTrue();
                assertThat(first.isFinalPath(T + ".NOTHING")).isFalse();
            }
            try (Session second = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject inner = second.typedId(byFinalPath);
                assertThat(inner.id()).isEqualTo(byFinalPath);
                assertThat(inner.read("java.util.HashMap", "size")).containsEntry("size", 1);
                assertThatThrownBy(() -> second.typedId(noPath)).isInstanceOf(TargetException.class)
                        .hasMessageContaining("printed by an earlier connection").hasMessageContaining("no static field");
                assertThatThrownBy(() -> second.typedId(mutable)).isInstanceOf(TargetException.class)
                        .hasMessageContaining("is not final").hasMessageContaining("use its static path " + T + ".NOTHING");
                assertThatThrownBy(() -> second.typedId(987_654_321L)).isInstanceOf(TargetException.class)
                        .hasMessageContaining("not known to this connection");
                assertThatThrownBy(() -> second.typedId(ObjectIds.AGENT_ID_BASE + 1)).isInstanceOf(TargetException.class)
                        .hasMessageContaining("the mapdbg agent printed");
                // hands out ids of its own (17 Integers), past those the first connection printed
                assertThat(second.resolveStaticPath(T + ".BIG_OBJECTS").arrayRange(0, 16_384).stream()
                        .filter(o -> o instanceof HeapObject).mapToLong(o -> ((HeapObject) o).id()).max().orElse(0))
                        .isGreaterThan(byFinalPath);
            }
            try (Session third = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                // the second connection handed out ids past byFinalPath: what that number means is unknown now
                assertThatThrownBy(() -> third.typedId(byFinalPath)).isInstanceOf(TargetException.class)
                        .hasMessageContaining("a later connection may have shown")
                        .hasMessageContaining("use its static path " + T + ".HOLDER.inner");
            }
        }
    }
}
