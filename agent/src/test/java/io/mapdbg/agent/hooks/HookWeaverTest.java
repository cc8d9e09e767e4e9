package io.mapdbg.agent.hooks;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which methods of the running JDK's map classes get hooks, with the exit hooks of races and without them. */
class HookWeaverTest {
    @Test
    void underRacesHashMapIsHookedAtItsPublicPutsAndOtherwiseAtPutVal() throws Exception {
        byte[] hashMap = bytes("java/util/HashMap");
        assertThat(woven(hashMap, true)).contains("put", "putIfAbsent", "putAll", "removeNode", "resize")
                .doesNotContain("putVal");
        assertThat(woven(hashMap, false)).contains("putVal", "removeNode", "resize")
                .doesNotContain("put", "putIfAbsent", "putAll");
    }

    @Test
    void treeMapsPutIsHookedOnceWhereverItsWorkIsDone() throws Exception {
        List<HookSite> sites = HookWeaver.weave(bytes("java/util/TreeMap"), false, true, false).woven;
        List<String> puts = sites.stream().filter(s -> s.method.equals("put")).map(s -> s.descriptor)
                .collect(Collectors.toList());
        // JDK 15+ (the JDKs this builds with): put(K, V) calls put(K, V, boolean), which alone is hooked
        assertThat(puts).containsExactly("(Ljava/lang/Object;Ljava/lang/Object;Z)Ljava/lang/Object;");
        assertThat(sites.stream().map(s -> s.method)).contains("pollFirstEntry", "pollLastEntry", "remove");
    }

    private static List<String> woven(byte[] cls, boolean exits) {
        return HookWeaver.weave(cls, exits, false, false).woven.stream().map(s -> s.method).collect(Collectors.toList());
    }

    private static byte[] bytes(String internalName) throws Exception {
        try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
