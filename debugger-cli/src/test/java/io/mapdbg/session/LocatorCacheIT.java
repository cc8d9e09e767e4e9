package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.ReferenceType;
import io.mapdbg.examples.fixtures.SessionTarget;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ids are per JDWP connection: a second connection finds what the first showed through the locator cache. */
@ExtendWith(KillTargetsAfterAll.class)
class LocatorCacheIT {

    private static final String T = SessionTarget.class.getName();

    @TempDir
    Path cacheDir;

    @Test
    void aLaterConnectionFindsRememberedObjects() {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
            long byOrdinal;
            long byPath;
            try (Session first = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject c = (HeapObject) first.resolveStaticPath(T + ".HOLDERS").arrayRange(2, 1).get(0);
                ReferenceType holderType = first.vm().classesByName(T + "$Holder").get(0);
                List<HeapObject> all = first.instances(holderType);
                int ordinal = all.stream().map(HeapObject::id).toList().indexOf(c.id());
                assertThat(ordinal).isNotNegative();
                first.remember(c.id(), c.className(), ordinal, all.size(), null);
                HeapObject nested = first.resolveStaticPath(T + ".Nested.BY_ID");
                first.remember(nested.id(), nested.className(), -1, 0, T + ".Nested.BY_ID");
                byOrdinal = c.id();
                byPath = nested.id();
                first.saveLocators();
            }
            try (Session second = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject c = second.byId(byOrdinal).orElseThrow();
                assertThat(c.id()).isEqualTo(byOrdinal);
                assertThat(((HeapObject) c.read(T + "$Holder", "label").get("label")).preview(10)).isEqualTo("\"c\"");
                HeapObject nested = second.byId(byPath).orElseThrow();
                assertThat(nested.id()).isEqualTo(byPath);
                assertThat(nested.read("java.util.HashMap", "size")).containsEntry("size", 1);
                assertThat(second.byId(987_654_321L)).isEmpty();
            }
        }
    }
}
