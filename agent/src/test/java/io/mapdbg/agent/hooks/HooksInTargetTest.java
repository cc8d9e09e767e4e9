package io.mapdbg.agent.hooks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks inside real JVMs (this JDK, and JDK 25 where installed), each started with
 * {@code -XX:+BytecodeVerificationLocal} so that the woven java.util classes are verified: {@link HookProbe}
 * runs a scenario and prints what the hooks saw beside what it wrote.
 */
class HooksInTargetTest {
    private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    @TempDir
    static Path dir;
    private static Path agentJar;

    @BeforeAll
    static void agentJar() throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", TestAgent.class.getName());
        main.putValue("Can-Retransform-Classes", "true");
        agentJar = dir.resolve("test-agent.jar");
        try (OutputStream out = Files.newOutputStream(agentJar)) {
            new JarOutputStream(out, manifest).close();
        }
    }

    static Stream<String> javaHomes() {
        List<String> homes = new ArrayList<>(List.of(System.getProperty("java.home")));
        if (new File(JDK25, "bin/java").exists()) {
            homes.add(JDK25);
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void firesOnlyForWatchedMapsAndRestoresTheBytes(String javaHome) throws Exception {
        Map<String, String> r = probe(javaHome, "watch");
        assertThat(r.get("a.putVal")).isEqualTo(r.get("puts"));
        assertThat(r.get("linked.putVal")).isEqualTo(r.get("puts"));
        assertThat(r.get("hits")).isEqualTo(r.get("linked.events")); // BREAK only on the linked map
        assertThat(r.get("others")).isEqualTo("0");
        assertThat(r.get("a.removeNode")).isEqualTo("1");
        assertThat(r.get("a.computeIfAbsent")).isEqualTo("1");
        assertThat(r.get("a.merge")).isEqualTo("1");
        assertThat(r.get("tree.put")).as("put, putIfAbsent, put: one event each").isEqualTo("3");
        assertThat(r.get("tree.pollFirstEntry")).isEqualTo("1");
        assertThat(r.get("a.resize")).as("a trace reports mapassign's writes, not mapgrow's resizes").isEqualTo("0");
        assertThat(r.get("first")).isEqualTo("HashMap.putVal|main|\"k0\"|0");
        assertThat(r.get("dropped")).isEqualTo("0");
        for (String cls : List.of("ConcurrentHashMap", "Hashtable", "IdentityHashMap", "WeakHashMap", "TreeMap")) {
            assertBothSides(r.get(cls + ".puts"), cls + ".puts");
            assertBothSides(r.get(cls + ".size"), cls + ".size");
        }
        assertThat(r.get("hookedWhileWatched")).isEqualTo("2"); // HashMap, TreeMap: watched last
        assertThat(r.get("hookedAfterClear")).isEqualTo("0");
        assertThat(r.get("eventsAfterClear")).isEqualTo("0");
        assertThat(r.get("wovenDiffers")).isEqualTo("true");
        assertThat(r.get("restored")).isEqualTo("true");
        assertThat(r.get("transformErrors")).isEqualTo("0");
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void aThrowingHookDoesNotDisturbTheApplication(String javaHome) throws Exception {
        Map<String, String> r = probe(javaHome, "fault");
        assertThat(r.get("size")).isEqualTo(r.get("puts"));
        assertThat(r.get("readBack")).isEqualTo(r.get("puts"));
        assertThat(Long.parseLong(r.get("faults"))).isGreaterThanOrEqualTo(Long.parseLong(r.get("puts")));
        assertThat(r.get("firstFault")).contains("injected hook fault");
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void overlapsAreTrueOnes(String javaHome) throws Exception {
        Map<String, String> r = probe(javaHome, "races");
        assertThat(r.get("racedFound")).isEqualTo("true");
        assertThat(r.get("racedId")).isEqualTo("31");
        assertThat(r.get("racedThreads")).isEqualTo("true");
        assertThat(r.get("racedStackInMap")).isEqualTo("true");
        assertThat(r.get("racedKeysNumeric")).as(r.get("racedKeys")).isEqualTo("true");
        assertThat(r.get("absentFound")).as("a race of putIfAbsent calls only").isEqualTo("true");
        assertThat(r.get("putAllFound")).as("a race of putAll calls only").isEqualTo("true");
        assertThat(r.get("iteratorRemoveFound")).as("a race of TreeMap iterator removes only").isEqualTo("true");
        assertThat(r.get("lockedFound")).isEqualTo("false");
        assertThat(r.get("confinedFound")).isEqualTo("false");
        assertThat(r.get("chmFound")).isEqualTo("false");
        assertThat(r.get("thrownFound")).isEqualTo("false");
        assertThat(r.get("allFound")).isEqualTo("true");
        assertThat(r.get("allLockedFound")).isEqualTo("false");
        assertThat(r.get("faults")).isEqualTo("0");
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void aTracedWriteCarriesItsCallerAtABoundedCost(String javaHome) throws Exception {
        Map<String, String> r = probe(javaHome, "callers");
        System.out.println("caller cost on " + javaHome + ": ns/put without caller " + r.get("callers.offNs")
                + ", with " + r.get("callers.onNs") + ", with 200 frames deeper " + r.get("callers.deepNs")
                + " (dropped " + r.get("callers.dropped") + ", " + r.get("callers.how") + ")");
        assertThat(r.get("callers.withCaller")).isEqualTo("true");
        assertThat(r.get("callers.how")).as("JDK 9+ walks the stack lazily").isEqualTo("StackWalker");
        assertThat(Long.parseLong(r.get("callers.deepNs"))).as("a deep stack costs about what a shallow one does")
                .isLessThan(4 * Math.max(1000, Long.parseLong(r.get("callers.onNs"))));
        assertThat(r.get("callers.first")).startsWith(io.mapdbg.probe.PutLoop.class.getName() + ".puts:");
        assertThat(r.get("callers.dropped")).isEqualTo("0");
    }

    private static void assertBothSides(String seenSlashTruth, String what) {
        assertThat(seenSlashTruth).as(what).isNotNull();
        String[] parts = seenSlashTruth.split("/");
        assertThat(parts[0]).as(what + " (hooks/truth)").isEqualTo(parts[1]);
    }

    private static Map<String, String> probe(String javaHome, String scenario) throws Exception {
        String cp = String.join(File.pathSeparator, codeSource(HookProbe.class), codeSource(Hooks.class),
                codeSource(io.mapdbg.layouts.PreviewText.class), // previews: shaded into the real agent jar
                codeSource(org.objectweb.asm.ClassReader.class));
        List<String> cmd = List.of(javaHome + "/bin/java", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+BytecodeVerificationLocal", "-XX:+BytecodeVerificationRemote",
                "-javaagent:" + agentJar, "-cp", cp, HookProbe.class.getName(), scenario);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> results = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    int eq = line.indexOf('=');
                    results.put(line.substring(7, eq), line.substring(eq + 1));
                }
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe exits").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(all.toString()).as("probe output on " + javaHome).contains("DONE").doesNotContain("VerifyError");
        return results;
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
