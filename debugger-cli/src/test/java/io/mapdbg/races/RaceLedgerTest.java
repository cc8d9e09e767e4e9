package io.mapdbg.races;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.MapRef;
import io.mapdbg.model.Race;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each raced map once: the first overlap in full, later ones counted, new threads added, the first announced once. */
class RaceLedgerTest {
    private static final MapRef A = new MapRef(7, "java.util.HashMap", "com.acme.A.MAP");
    private static final MapRef B = new MapRef(9, "java.util.TreeMap", null);

    private static Overlap overlap(MapRef map, String inside, String entering, long atNanos) {
        return new Overlap(map, new Overlap.Writer(inside, "put", "\"" + inside + "-k\"", List.of("java.util.HashMap.put(HashMap.java:610)")),
                new Overlap.Writer(entering, "remove", null, List.of("java.util.HashMap.remove(HashMap.java:797)")), atNanos);
    }

    @Test
    void keepsEachMapOnceWithItsFirstOverlapAndACount() {
        List<Race> announced = new ArrayList<>();
        RaceLedger ledger = new RaceLedger(1_000_000_000L, announced::add);
        ledger.overlap(overlap(A, "w-1", "w-2", 1_250_000_000L));
        ledger.overlap(overlap(A, "w-2", "w-3", 1_500_000_000L));
        ledger.overlap(overlap(B, "t-1", "t-2", 3_000_000_000L));
        ledger.overlap(overlap(A, "w-1", "w-2", 4_000_000_000L));

        assertThat(announced).extracting(r -> r.map().id()).containsExactly(7L, 9L);
        List<Race> races = ledger.races();
        assertThat(races).hasSize(2);
        Race a = races.get(0);
        assertThat(a.map()).isEqualTo(A);
        assertThat(a.overlaps()).isEqualTo(3);
        assertThat(a.threads()).containsExactly("w-1", "w-2", "w-3");
        assertThat(a.stacks().keySet()).containsExactly("w-1", "w-2");
        assertThat(a.keys()).containsExactly("\"w-1-k\"", null);
        assertThat(a.writes()).extracting(Race.RaceWrite::method).containsExactly("put", "remove");
        assertThat(a.firstSeenMillis()).isEqualTo(250);
        assertThat(races.get(1).overlaps()).isEqualTo(1);
        assertThat(ledger.found(9)).isTrue();
        assertThat(ledger.found(8)).isFalse();
    }
}
