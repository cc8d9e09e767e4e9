package io.mapdbg.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.LineReader;
import picocli.CommandLine;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/** mapdbg in a process of its own (as a user runs it), so that a test can kill it with -9 or SIGTERM. */
final class MapdbgProcess {
    private MapdbgProcess() {
    }

    /** Starts mapdbg with args; its output is read and dropped (a trace prints a lot), its stdin left open. */
    static Process start(String... args) throws IOException {
        return start(null, args);
    }

    /** The same, with its stdout's lines added to out (synchronized on out) as they come. */
    static Process start(List<String> out, String... args) throws IOException {
        return start(List.of(), out, args);
    }

    /** The same, with options for mapdbg's JVM (system properties, say). */
    static Process start(List<String> jvmOptions, List<String> out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, CommandLine.class, JsonMapper.class, JsonParser.class,
                        JsonInclude.class, LineReader.class),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        if (out == null) {
            drain(p.getInputStream());
        } else {
            collect(p.getInputStream(), out);
        }
        drain(p.getErrorStream());
        return p;
    }

    private static void collect(InputStream in, List<String> out) {
        Thread t = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "mapdbg-process-lines");
        t.setDaemon(true);
        t.start();
    }

    private static void drain(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                while (in.read(buffer) >= 0) {
                    // dropped
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "mapdbg-process-drain");
        t.setDaemon(true);
        t.start();
    }
}
