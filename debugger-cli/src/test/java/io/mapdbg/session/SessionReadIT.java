package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jdi.ClassType;
import com.sun.jdi.ReferenceType;
import io.mapdbg.examples.fixtures.SessionTarget;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reads through one session to one fixture JVM. */
@ExtendWith(KillTargetsAfterAll.class)
class SessionReadIT {

    private static final String T = SessionTarget.class.getName();
    private static TargetJvm jvm;
    private static Session session;
    private static Path cacheDir;

    @BeforeAll
    static void attach() throws Exception {
        jvm = TargetJvm.start(SessionTarget.class);
        jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
        cacheDir = Files.createTempDirectory("mapdbg-cache");
        session = Session.attach(new Target.Pid(jvm.pid()), cacheDir);
    }

    @AfterAll
    static void detach() {
        if (session != null) {
            session.close();
        }
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void targetRunsTheConfiguredJdk() throws Exception {
        // MAPDBG_TARGET_JAVA_HOME selects the target JDK: prove the run used it
        String release = Files.readString(TargetJvm.javaHome().resolve("release"));
        String version = release.replaceAll("(?s).*JAVA_VERSION=\"([^\"]+)\".*", "$1");
        assertThat(session.vm().version()).startsWith(version);
        assertThat(session.describe()).contains(version);
    }

    @Test
    void staticPathToAMapAndItsFields() {
        HeapObject names = session.resolveStaticPath(T + ".NAMES");
        assertThat(names.className()).isEqualTo("java.util.HashMap");
        assertThat(names.classHierarchy()).containsExactly("java.util.HashMap", "java.util.AbstractMap", "java.lang.Object");
        Map<String, Object> f = names.read("java.util.HashMap", "size", "loadFactor", "table", "noSuchField");
        assertThat(f).containsEntry("size", 2).containsEntry("loadFactor", 0.75f).doesNotContainKey("noSuchField");
        HeapObject table = (HeapObject) f.get("table");
        assertThat(table.className()).isEqualTo("java.util.HashMap$Node[]");
        assertThat(table.arrayLength()).isEqualTo(16);
        assertThat(table.preview(40)).isEqualTo("HashMap$Node[16]");
        // inherited field read through the declaring superclass
        assertThat(names.read("java.util.AbstractMap", "keySet")).containsKey("keySet");
    }

    @Test
    void staticPathThroughNestedClassesAndInstanceFields() {
        assertThat(session.resolveStaticPath(T + ".Nested.BY_ID").read("java.util.HashMap", "size"))
                .containsEntry("size", 1);
        assertThat(session.resolveStaticPath(T + "$Nested.BY_ID").className()).isEqualTo("java.util.HashMap");
        HeapObject inner = session.resolveStaticPath(T + ".HOLDER.inner");
        assertThat(inner.read("java.util.HashMap", "size")).containsEntry("size", 1);
        assertThat(session.resolveStaticPath(T + ".SYNCED").className()).isEqualTo("java.util.Collections$SynchronizedMap");
        assertThat(session.resolveStaticPath(T + ".SYNCED.m").className()).isEqualTo("java.util.HashMap");
    }

    @Test
    void staticPathErrors() {
        assertThatThrownBy(() -> session.resolveStaticPath("com.nowhere.Missing.MAP"))
                .isInstanceOf(TargetException.class).hasMessage("no loaded class in 'com.nowhere.Missing.MAP'");
        assertThatThrownBy(() -> session.resolveStaticPath(T + ".NOPE"))
                .hasMessage("class " + T + " has no static field NOPE");
        assertThatThrownBy(() -> session.resolveStaticPath(T + ".NOTHING")).hasMessage(T + ".NOTHING is null");
        assertThatThrownBy(() -> session.resolveStaticPath(T + ".HOLDER.nope"))
                .hasMessage("field nope not found in " + T + "$Holder");
        assertThatThrownBy(() -> session.resolveStaticPath(T + ".HOLDER.count"))
                .hasMessage(T + ".HOLDER.count is a int, not an object");
        assertThatThrownBy(() -> session.resolveStaticPath("NAMES"))
                .isInstanceOf(TargetException.class)
                .satisfies(e -> assertThat(((TargetException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void staticHoldersNameThePaths() {
        HeapObject names = session.resolveStaticPath(T + ".NAMES");
        HeapObject byId = session.resolveStaticPath(T + ".Nested.BY_ID");
        HeapObject inner = session.resolveStaticPath(T + ".HOLDER.inner");
        Map<Long, String> holders = session.staticHolders(Set.of(names.id(), byId.id(), inner.id()));
        assertThat(holders).containsEntry(names.id(), T + ".NAMES")
                .containsEntry(byId.id(), T + ".Nested.BY_ID")
                .doesNotContainKey(inner.id()); // held through an instance field, not directly by a static
        // the path we print resolves back to the same object
        assertThat(session.resolveStaticPath(holders.get(byId.id())).id()).isEqualTo(byId.id());
    }

    @Test
    void bigArraysAreReadExactlyInSafeChunks() {
        HeapObject ints = session.resolveStaticPath(T + ".BIG_INTS");
        assertThat(ints.arrayLength()).isEqualTo(200_000);
        List<Object> all = ints.arrayRange(0, 200_000);
        assertThat(all).hasSize(200_000);
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).equals(i * 3)) {
                throw new AssertionError("element " + i + " is " + all.get(i));
            }
        }
        HeapObject objects = session.resolveStaticPath(T + ".BIG_OBJECTS");
        List<Object> tail = objects.arrayRange(150_000, 50_000);
        assertThat(tail).hasSize(50_000);
        assertThat(((HeapObject) tail.get(1_000)).read("java.lang.Integer", "value")).containsEntry("value", 151_000);
        assertThat(tail.get(1)).isNull();
        assertThat(session.mirrors().largestArrayRead()).isEqualTo(ArrayChunks.MAX_CHUNK);
        assertThat(ints.preview(20)).isEqualTo("int[200000]");
        assertThat(objects.preview(20)).isEqualTo("Object[200000]");
    }

    @Test
    void previews() {
        assertThat(session.resolveStaticPath(T + ".GREETING").preview(100)).isEqualTo("\"h\u00e9llo \\\"world\\\"\\n\"");
        assertThat(session.resolveStaticPath(T + ".GREETING").preview(8)).isEqualTo("\"h\u00e9llo…\"");
        assertThat(session.resolveStaticPath(T + ".BOXED").preview(20)).isEqualTo("4242");
        assertThat(session.resolveStaticPath(T + ".COLOUR").preview(20)).isEqualTo("GREEN");
        assertThat(session.resolveStaticPath(T + ".KLASS").preview(40)).isEqualTo("java.util.HashMap");
        HeapObject holder = session.resolveStaticPath(T + ".HOLDER");
        // a plain object previews as its first few fields, read in one request
        assertThat(holder.preview(80)).isEqualTo("SessionTarget$Holder{label=\"first\", count=7, inner=HashMap@"
                + ((HeapObject) holder.read(T + "$Holder", "inner").get("inner")).id() + "}");
        assertThat(holder.read(T + "$Holder", "label", "count").get("count")).isEqualTo(7);
    }

    @Test
    void familiesCountsAndInstances() {
        List<ClassType> family = session.loadedClassesInFamilies(List.of("java.util.HashMap"));
        assertThat(family).extracting(ReferenceType::name).contains("java.util.HashMap", "java.util.LinkedHashMap")
                .doesNotContain("java.util.TreeMap", "java.util.AbstractMap");
        ReferenceType holderType = session.vm().classesByName(T + "$Holder").get(0);
        assertThat(session.instanceCounts(List.of(holderType))).containsExactly(4);
        assertThat(session.instances(holderType)).hasSize(4)
                .allSatisfy(h -> assertThat(h.className()).isEqualTo(T + "$Holder"));
        HeapObject any = session.resolveStaticPath(T + ".NAMES");
        assertThat(any.heapMayContain("java.util.HashMap")).isTrue();
        assertThat(any.heapMayContain("com.nowhere.NeverLoaded")).isFalse();
    }

    @Test
    void idsHandedOutAreFoundAgainInTheSameSession() {
        HeapObject names = session.resolveStaticPath(T + ".NAMES");
        assertThat(session.byId(names.id())).hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(names.id()));
        assertThat(session.byId(Long.MAX_VALUE - 7)).isEmpty();
    }

    @Test
    void suspendedWorkSeesAStoppedHeartbeat() {
        HeapObject beat = session.resolveStaticPath(T + ".HEARTBEAT");
        session.suspended(() -> {
            Object a = beat.read("java.util.concurrent.atomic.AtomicLong", "value").get("value");
            // no sleep needed as proof: every thread is suspended, so a walk of a big array in between changes nothing
            session.resolveStaticPath(T + ".BIG_INTS").arrayRange(0, 50_000);
            assertThat(beat.read("java.util.concurrent.atomic.AtomicLong", "value").get("value")).isEqualTo(a);
            return null;
        });
    }
}
