package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatorCacheTest {

    @TempDir
    Path dir;

    @Test
    void savedLocatorsAreReadByTheNextConnection() {
        LocatorCache first = new LocatorCache(dir, "pid-1-2");
        first.remember(new LocatorCache.Locator(42, "java.util.HashMap", 3, 10, null));
        first.remember(new LocatorCache.Locator(43, "java.util.HashMap", -1, 0, "com.acme.A.M"));
        first.save();

        LocatorCache second = new LocatorCache(dir, "pid-1-2");
        assertThat(second.find(42)).contains(new LocatorCache.Locator(42, "java.util.HashMap", 3, 10, null));
        assertThat(second.find(43).orElseThrow().path()).isEqualTo("com.acme.A.M");
        assertThat(second.find(44)).isEmpty();
        assertThat(new LocatorCache(dir, "pid-1-3").find(42)).isEmpty(); // another process start: another file
    }

    @Test
    void theFileStaysSmall() {
        LocatorCache cache = new LocatorCache(dir, "socket-h-1");
        for (int i = 0; i < LocatorCache.MAX_ENTRIES + 500; i++) {
            cache.remember(new LocatorCache.Locator(i, "java.util.HashMap", i, 100_000, null));
        }
        cache.save();
        LocatorCache reread = new LocatorCache(dir, "socket-h-1");
        assertThat(reread.find(0)).isEmpty(); // the oldest went
        assertThat(reread.find(LocatorCache.MAX_ENTRIES + 499)).isPresent();
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve("pid-9-9.json"), "{not json");
        assertThat(new LocatorCache(dir, "pid-9-9").find(1)).isEmpty();
    }

    @Test
    void pidKeyIncludesTheStartTime() {
        assertThat(LocatorCache.keyForPid(ProcessHandle.current().pid()))
                .startsWith("pid-" + ProcessHandle.current().pid() + "-")
                .doesNotEndWith("-0");
        assertThat(LocatorCache.keyForSocket("::1", 5005)).isEqualTo("socket-__1-5005");
    }
}
