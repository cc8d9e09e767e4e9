package io.mapdbg.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compiled main classes of debugger-cli and the classes each one refers to, read from its constant pool: what
 * it imports, calls, or names in a signature, whether written as an import or fully qualified in the source.
 */
public final class CompiledClasses {
    /** A class name in internal form: com/sun/jdi/Value. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+");
    /** One inside a descriptor or generic signature: (Lcom/sun/jdi/Value;)V, Ljava/util/List<Lcom/x/Y;>;. */
    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L(" + NAME.pattern() + ")[;<]");

    private CompiledClasses() {
    }

    /** The directory the main classes were compiled to (target/classes). */
    public static Path root(Class<?> mainClass) {
        try {
            return Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class file under the package (and its sub-packages), e.g. "io/mapdbg/command". */
    public static List<Path> in(Path root, String packagePath) {
        Path dir = root.resolve(packagePath);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binary name of a class file under root: io.mapdbg.command.PrintCommand. */
    public static String name(Path root, Path classFile) {
        String relative = root.relativize(classFile).toString().replace(java.io.File.separatorChar, '/');
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    /** The classes classFile refers to, in internal form (com/sun/jdi/ThreadReference). */
    public static Set<String> referencedBy(Path classFile) {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalStateException(classFile + " is not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            List<String> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF()); // Utf8: class names, descriptors, signatures
                    case 3, 4 -> in.skipBytes(4); // Integer, Float
                    case 5, 6 -> { // Long, Double take two slots
                        in.skipBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // refs, NameAndType, (Invoke)Dynamic
                    case 15 -> in.skipBytes(3); // MethodHandle
                    default -> throw new IllegalStateException(classFile + ": constant pool tag " + tag);
                }
            }
            Set<String> names = new TreeSet<>();
            for (String s : strings) {
                String plain = s.startsWith("[") ? s.replaceFirst("^\\[+", "") : s; // an array class: [Lx/Y;
                if (NAME.matcher(plain).matches()) {
                    names.add(plain);
                }
                Matcher m = IN_DESCRIPTOR.matcher(plain);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
