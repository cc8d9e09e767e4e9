package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger of ids earlier connections printed: what it keeps, and when it stops trusting an entry. */
class LocatorCacheTest {

    @TempDir
    Path dir;

    private static LocatorCache.Locator at(long id, String path) {
        return new LocatorCache.Locator(id, "java.util.HashMap", path, path != null);
    }

    @Test
    void entriesOfAClosedConnectionAreReadByTheNextOne() {
        LocatorCache first = new LocatorCache(dir, "pid-1-2");
        first.open();
        first.remember(at(42, null));
        first.remember(at(43, "com.acme.A.M"));
        first.save();
        first.close(50);

        LocatorCache second = new LocatorCache(dir, "pid-1-2");
        second.open();
        assertThat(second.find(42)).contains(at(42, null));
        assertThat(second.find(43).orElseThrow().path()).isEqualTo("com.acme.A.M");
        assertThat(second.find(44)).isEmpty();
        assertThat(new LocatorCache(dir, "pid-1-3").find(42)).isEmpty(); // another process start: another file
    }

    @Test
    void aLaterConnectionThatHandedOutTheSameNumbersEndsTheirOldMeaning() {
        LocatorCache first = new LocatorCache(dir, "pid-1-2");
        first.open();
        first.remember(at(10, "com.acme.A.SMALL"));
        first.remember(at(5_000, "com.acme.A.LATE"));
        first.close(6_000);

        LocatorCache second = new LocatorCache(dir, "pid-1-2"); // shows ids up to 100 for objects of its own
        second.open();
        second.remember(at(7, "com.acme.A.MINE"));
        second.close(100);

        LocatorCache third = new LocatorCache(dir, "pid-1-2");
        third.open();
        // the second connection may have printed @10 for something else: kept only to say so
        assertThat(third.find(10).orElseThrow().stale()).isTrue();
        assertThat(third.find(7).orElseThrow().stale()).isFalse(); // what the second recorded itself stays
        assertThat(third.find(5_000).orElseThrow().stale()).isFalse(); // beyond what the second handed out
    }

    @Test
    void aConnectionThatNeverClosedLeavesNothingTrusted() {
        LocatorCache first = new LocatorCache(dir, "pid-1-2");
        first.open();
        first.remember(at(10, "com.acme.A.M"));
        first.close(20);
        LocatorCache killed = new LocatorCache(dir, "pid-1-2");
        killed.open(); // then kill -9: no close
        assertThat(killed.find(10).orElseThrow().stale()).isFalse();

        LocatorCache next = new LocatorCache(dir, "pid-1-2");
        next.open();
        assertThat(next.find(10).orElseThrow().stale()).isTrue();
    }

    @Test
    void theFileStaysSmall() {
        LocatorCache cache = new LocatorCache(dir, "socket-h-1");
        cache.open();
        for (int i = 0; i < LocatorCache.MAX_ENTRIES + 500; i++) {
            cache.remember(at(i, "com.acme.A.M" + i));
        }
        cache.close(0);
        LocatorCache reread = new LocatorCache(dir, "socket-h-1");
        assertThat(reread.find(0)).isEmpty(); // the oldest went
        assertThat(reread.find(LocatorCache.MAX_ENTRIES + 499)).isPresent();
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve("pid-9-9.ids"), "mapdbg-ids 2 closed\nnot\ta line\n");
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
