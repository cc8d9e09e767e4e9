package io.mapdbg.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where objects shown as {@code @id} by an earlier connection to the same target can be found again: JDWP ids are
 * per connection, so a one-shot command cannot look an old id up; it re-finds the object by static path or by its
 * position among the instances of its class. One small JSON file per target.
 */
final class LocatorCache {

    /** How to find an object again; {@code path} wins when present, else {@code ordinal} among {@code classCount} instances. */
    record Locator(long id, String className, int ordinal, int classCount, String path) {}

    record CacheFile(int version, String target, List<Locator> locators) {}

    static final int MAX_ENTRIES = 2_000;
    /** Built on first use: Jackson's start-up costs most of a second on a busy machine, and most commands never need it. */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }

    private final Path file;
    private final String targetKey;
    private Map<Long, Locator> entries; // loaded lazily: most commands never need it
    private boolean dirty;

    LocatorCache(Path dir, String targetKey) {
        this.file = dir.resolve(targetKey + ".json");
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

    synchronized Optional<Locator> find(long id) {
        return Optional.ofNullable(entries().get(id));
    }

    synchronized void remember(Locator locator) {
        Map<Long, Locator> all = entries();
        all.remove(locator.id()); // re-insert so the newest entries survive the cap
        all.put(locator.id(), locator);
        dirty = true;
    }

    /** Writes the file if anything changed; written to a temp file and moved so readers never see half a file. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        List<Locator> list = new ArrayList<>(entries().values());
        if (list.size() > MAX_ENTRIES) {
            list = list.subList(list.size() - MAX_ENTRIES, list.size());
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), targetKey, ".tmp");
            try {
                Mapper.JSON.writeValue(tmp.toFile(), new CacheFile(1, targetKey, list));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dirty = false;
        } catch (IOException | JacksonException e) {
            throw new TargetException("cannot write the object-id cache " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<Long, Locator> entries() {
        if (entries == null) {
            entries = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                try {
                    CacheFile cf = Mapper.JSON.readValue(file.toFile(), CacheFile.class);
                    if (cf.locators() != null) {
                        cf.locators().forEach(l -> entries.put(l.id(), l));
                    }
                } catch (JacksonException e) {
                    // a damaged cache is only a lost convenience: start afresh and overwrite it on save
                }
            }
        }
        return entries;
    }
}
