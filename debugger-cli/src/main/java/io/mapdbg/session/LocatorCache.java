package io.mapdbg.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger of {@code @id}s that earlier connections to the same target printed with a static path (one small
 * file per target). JDWP ids are per connection and numbered from 1 again by each one, so a number alone means
 * nothing after a detach: an entry says which map an earlier connection showed as {@code @id}, by its static path.
 *
 * <p>An entry holds only while no later connection may have shown the same number for another object: every
 * connection, when it closes, drops the entries up to the highest id it handed out (except those it recorded
 * itself). A connection that never closed (killed) leaves the file marked open, and the next one trusts none of
 * its entries. Whether the object now at the path is the one shown is decided by the caller (see ObjectIds).
 */
final class LocatorCache {

    /**
     * How to find an object again: its class, and the static path that held it (null: none); pathFinal: every hop
     * final. stale: a later connection may have shown the same number for another object (kept to say so, and
     * which path to use instead).
     */
    record Locator(long id, String className, String path, boolean pathFinal, boolean stale) {
        Locator(long id, String className, String path, boolean pathFinal) {
            this(id, className, path, pathFinal, false);
        }

        Locator staled() {
            return new Locator(id, className, path, pathFinal, true);
        }
    }

    static final int MAX_ENTRIES = 2_000;
    private static final String HEADER = "mapdbg-ids 2";

    private final Path file;
    private final String targetKey;
    private Map<Long, Locator> entries; // loaded lazily: most commands never need it
    private final Set<Long> recordedHere = new HashSet<>();
    private boolean opened;
    private boolean dirty;

    LocatorCache(Path dir, String targetKey) {
        this.file = dir.resolve(targetKey + ".ids");
        this.targetKey = targetKey;
    }

    static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mapdbg");
    }

    /** A PID is reused by the OS, so the process start time is part of the key. */
    static String keyForPid(long pid) {
        long start = ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
        return "pid-" + pid + "-" + start;
    }

    static String keyForSocket(String host, int port) {
        return "socket-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port;
    }

    Path file() {
        return file;
    }

    /**
     * Called when a connection opens: reads what earlier connections left and marks the file open, so that if
     * this connection dies without {@link #close(long)} the next one knows its ids are unaccounted for.
     */
    synchronized void open() {
        if (opened) {
            return;
        }
        opened = true;
        if (!Files.isRegularFile(file)) {
            entries = new LinkedHashMap<>();
            return; // nothing to protect yet; written when something is remembered
        }
        entries();
        write(true);
    }

    synchronized Optional<Locator> find(long id) {
        return Optional.ofNullable(entries().get(id));
    }

    synchronized void remember(Locator locator) {
        Map<Long, Locator> all = entries();
        all.remove(locator.id()); // re-insert so the newest entries survive the cap
        all.put(locator.id(), locator);
        recordedHere.add(locator.id());
        dirty = true;
    }

    /** Writes what this connection remembered so far (the file stays marked open until {@link #close(long)}). */
    synchronized void save() {
        if (dirty) {
            write(opened);
        }
    }

    /**
     * Called when the connection closes: it may have shown any id up to highestId for objects of its own, so the
     * entries of earlier connections up to there no longer say what such a number meant. The file is marked closed.
     */
    synchronized void close(long highestId) {
        if (!opened && !dirty) {
            return;
        }
        if (!Files.isRegularFile(file) && !dirty) {
            return;
        }
        entries().replaceAll((id, l) -> l.id() <= highestId && !recordedHere.contains(id) ? l.staled() : l);
        write(false);
        opened = false;
    }

    /** Written to a temp file and moved so readers never see half a file; a failure only loses the ledger. */
    private void write(boolean open) {
        List<Locator> list = new ArrayList<>(entries().values());
        if (list.size() > MAX_ENTRIES) {
            list = list.subList(list.size() - MAX_ENTRIES, list.size());
        }
        StringBuilder text = new StringBuilder(HEADER).append(open ? " open" : " closed").append('\n');
        for (Locator l : list) {
            text.append(l.id()).append('\t').append(l.className()).append('\t').append(l.path() == null ? "-" : l.path())
                    .append('\t').append(l.pathFinal() ? "final" : "mutable").append('\t').append(l.stale() ? "stale" : "ok")
                    .append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), targetKey, ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dirty = false;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file); // a ledger we cannot keep must not be trusted later
            } catch (IOException ignored) {
                // nothing more to do: ids then simply cannot be found again
            }
            throw new TargetException("cannot write the object-id ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<Long, Locator> entries() {
        if (entries == null) {
            entries = new LinkedHashMap<>();
            read();
        }
        return entries;
    }

    /** A damaged file is trusted for nothing; the entries of one an earlier connection left open are all stale. */
    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        boolean closed = !lines.isEmpty() && lines.get(0).equals(HEADER + " closed");
        if (lines.isEmpty() || !(closed || lines.get(0).equals(HEADER + " open"))) {
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                entries.clear();
                return;
            }
            try {
                long id = Long.parseLong(f[0]);
                entries.put(id, new Locator(id, f[1], f[2].equals("-") ? null : f[2], f[3].equals("final"),
                        !closed || !f[4].equals("ok")));
            } catch (NumberFormatException e) {
                entries.clear();
                return;
            }
        }
    }
}
