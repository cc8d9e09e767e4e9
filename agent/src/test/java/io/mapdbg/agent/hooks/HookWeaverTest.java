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
        List<HookSite> sites = HookWeaver.weave(bytes("java/util/TreeMap"), new WeaveMode(true, false, true, false)).woven;
        List<String> puts = sites.stream().filter(s -> s.method.equals("put")).map(s -> s.descriptor)
                .collect(Collectors.toList());
        // JDK 15+ (the JDKs this builds with): put(K, V) calls put(K, V, boolean), which alone is hooked
        assertThat(puts).containsExactly("(Ljava/lang/Object;Ljava/lang/Object;Z)Ljava/lang/Object;");
        assertThat(sites.stream().map(s -> s.method)).contains("pollFirstEntry", "pollLastEntry", "remove");
    }

    @Test
    void underRacesIteratorRemovesAndReplacesAreHookedToo() throws Exception {
        assertThat(woven(bytes("java/util/TreeMap"), true)).contains("deleteEntry", "replace", "replaceAll");
        assertThat(woven(bytes("java/util/TreeMap"), false)).doesNotContain("deleteEntry", "replace");
        assertThat(woven(bytes("java/util/HashMap"), true)).contains("removeNode", "replace", "replaceAll");
        assertThat(woven(bytes("java/util/IdentityHashMap"), true)).contains("closeDeletion");
    }

    @Test
    void underRacesAllAloneThePutHasNoExitHookOnlyTheWrapOfAHotMapsWrite() throws Exception {
        byte[] hashMap = bytes("java/util/HashMap");
        List<String> alone = calls(HookWeaver.weave(hashMap, new WeaveMode(false, false, true, false)).bytes, "put");
        assertThat(alone).containsExactly("WriterCells.enter(Ljava/lang/Object;Ljava/lang/Object;)Z",
                "HashMap.put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", // the wrap: itself again
                "WriterCells.exitHot(Ljava/lang/Object;Ljava/lang/Object;)V",
                "WriterCells.exitHot(Ljava/lang/Object;Ljava/lang/Object;)V", // the wrap's return and its handler
                "HashMap.hash(Ljava/lang/Object;)I", "HashMap.putVal(ILjava/lang/Object;Ljava/lang/Object;ZZ)Ljava/lang/Object;"); // then its own code
        List<String> withWatches = calls(HookWeaver.weave(hashMap, new WeaveMode(true, true, true, false)).bytes, "put");
        assertThat(withWatches.get(0)).startsWith("WriterCells.enter");
        assertThat(withWatches).as("the watch's hooks after the wrap: its second call runs them, once")
                .containsSubsequence("WriterCells.exitHot(Ljava/lang/Object;Ljava/lang/Object;)V",
                        "MapHook.enter(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;I)V",
                        "MapHook.exit(Ljava/lang/Object;)V");
    }

    /** The calls into the hook classes in method name(K, V) of the woven class. */
    private static List<String> calls(byte[] woven, String name) {
        List<String> out = new java.util.ArrayList<>();
        new org.objectweb.asm.ClassReader(woven).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String m, String desc, String sig, String[] ex) {
                if (!m.equals(name) || !desc.equals("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")) {
                    return null;
                }
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String callee, String d, boolean itf) {
                        if (owner.startsWith("io/mapdbg/agent/boot/") || owner.equals("java/util/HashMap")) {
                            out.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + callee + d);
                        }
                    }
                };
            }
        }, 0);
        return out;
    }

    private static List<String> woven(byte[] cls, boolean exits) {
        return HookWeaver.weave(cls, new WeaveMode(true, false, exits, false)).woven.stream().map(s -> s.method).collect(Collectors.toList());
    }

    private static byte[] bytes(String internalName) throws Exception {
        try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
