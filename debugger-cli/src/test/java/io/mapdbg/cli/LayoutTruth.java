package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/** Compares a {@code buckets --json} result with the truth a fixture computed in-process for the same map. */
final class LayoutTruth {
    /** Fixture keys that are not Strings preview as Class@id (mapdbg does not run toString in the target). */
    private static final Pattern OBJECT_PREVIEW = Pattern.compile("(CollidingKey|RankedKey)@\\d+");
    /** Previews that show an object's first fields name the key directly: CollidingKey{name="chain-0", hash=5}. */
    private static final Pattern FIELDS_PREVIEW = Pattern.compile("(CollidingKey|RankedKey)\\{name=(\"(?:[^\"\\\\]|\\\\.)*\"),.*");

    private LayoutTruth() {
    }

    /** Every field the truth has: map, counts, histogram, longest bin and its keys, CHM state; integrity ok. */
    static void assertMatches(JsonNode got, JsonNode truth) {
        assertMatches(got, truth, "jdwp");
    }

    /** As {@link #assertMatches(JsonNode, JsonNode)}, served the way source names ("jdwp" or "agent"). */
    static void assertMatches(JsonNode got, JsonNode truth, String source) {
        SoftAssertions soft = new SoftAssertions();
        String name = truth.get("path").asString();
        if (truth.has("innerClass")) {
            // a wrapper: the layout is the inner map's, reached through the wrapper's field
            soft.assertThat(got.at("/map/class").asString()).as(name + " map.class").isEqualTo(truth.get("innerClass").asString());
            soft.assertThat(got.get("wrapper").asString()).as(name + " wrapper").isEqualTo(truth.get("class").asString());
            soft.assertThat(got.at("/map/path").asString()).as(name + " map.path")
                    .isEqualTo(name + "." + truth.get("wrapper").asString());
        } else {
            soft.assertThat(got.at("/map/class").asString()).as(name + " map.class").isEqualTo(truth.get("class").asString());
            soft.assertThat(got.get("wrapper").isNull()).as(name + " wrapper is null").isTrue();
            soft.assertThat(got.at("/map/path").asString()).as(name + " map.path").isEqualTo(name);
        }
        for (String f : List.of("size", "entries", "capacity", "threshold", "modCount", "nonEmptyBins", "treeBins", "specialBins")) {
            soft.assertThat(number(got.get(f))).as(name + " " + f).isEqualTo(number(truth.get(f)));
        }
        soft.assertThat(got.get("loadFactor").isNull() ? null : got.get("loadFactor").asDouble()).as(name + " loadFactor")
                .isEqualTo(truth.get("loadFactor").isNull() ? null : truth.get("loadFactor").asDouble());
        soft.assertThat(bin(got.get("longestBin"))).as(name + " longestBin").isEqualTo(bin(truth.get("longestBin")));
        soft.assertThat(histogram(got.get("histogram"))).as(name + " histogram").isEqualTo(histogram(truth.get("histogram")));
        // every bin once: a ForwardingNode or ReservationNode bin is a bin of length 0 (and listed in specialBins)
        soft.assertThat(histogram(got.get("histogram")).values().stream().mapToLong(Long::longValue).sum())
                .as(name + " sum(histogram) == capacity").isEqualTo(got.get("capacity").asLong());
        soft.assertThat(got.at("/integrity/ok").asBoolean()).as(name + " integrity.ok " + got.get("integrity")).isTrue();
        soft.assertThat(got.at("/integrity/problems").size()).as(name + " integrity.problems").isZero();
        soft.assertThat(got.get("sampled").asBoolean()).as(name + " sampled").isFalse();
        soft.assertThat(got.get("source").asString()).as(name + " source").isEqualTo(source);
        longestChainKeys(soft, name, got, truth);
        if (truth.has("sizeCtl")) {
            JsonNode c = got.get("concurrent");
            soft.assertThat(c.isNull()).as(name + " concurrent present").isFalse();
            soft.assertThat(ints(c.get("reservedBins"))).as(name + " reservedBins").isEqualTo(ints(truth.get("reservedBins")));
            soft.assertThat(c.at("/resize/resizing").asBoolean()).as(name + " resizing").isEqualTo(truth.get("resizing").asBoolean());
            soft.assertThat(c.at("/resize/sizeCtl").asLong()).as(name + " sizeCtl").isEqualTo(truth.get("sizeCtl").asLong());
            soft.assertThat(c.at("/resize/transferIndex").asLong()).as(name + " transferIndex").isEqualTo(truth.get("transferIndex").asLong());
            soft.assertThat(number(c.at("/resize/nextTableLength"))).as(name + " nextTableLength").isEqualTo(number(truth.get("nextTableLength")));
            soft.assertThat(c.get("forwardingNodes").asLong()).as(name + " forwardingNodes").isEqualTo(truth.get("forwardingNodes").asLong());
            soft.assertThat(c.get("reservationNodes").asLong()).as(name + " reservationNodes").isEqualTo(truth.get("reservedBins").size());
        } else {
            soft.assertThat(got.get("concurrent").isNull()).as(name + " concurrent is null").isTrue();
        }
        soft.assertAll();
    }

    /** The longest bin's keys in next-order, from the chain of longestChains that starts at longestBin.index. */
    private static void longestChainKeys(SoftAssertions soft, String name, JsonNode got, JsonNode truth) {
        List<JsonNode> keys = list(truth.get("longestChainKeys"));
        if (truth.get("longestBin").isNull()) {
            soft.assertThat(got.get("longestChains").size()).as(name + " longestChains of an empty map").isZero();
            return;
        }
        int index = truth.at("/longestBin/index").asInt();
        int capacity = truth.get("capacity").asInt();
        JsonNode chain = null;
        int skip = 0;
        for (JsonNode c : got.get("longestChains")) {
            // IdentityHashMap lists probe runs (wrapping around the table), each slot of one holding one key
            int offset = Math.floorMod(index - c.get("index").asInt(), capacity);
            if (offset == 0 || ("probe-run".equals(c.get("kind").asString()) && offset < c.get("length").asInt())) {
                chain = c;
                skip = offset;
                break;
            }
        }
        if (chain == null && isProbeRunLayout(got) && truth.at("/longestBin/length").asInt() == 1) {
            // every occupied IdentityHashMap slot is a "bin" of one, so the truth's first one need not lie in the
            // longest probe run the decoder shows (identity hashes differ per run): check that run is whole instead
            JsonNode run = got.get("longestChains").get(0);
            soft.assertThat(run.get("entries").size()).as(name + " entries of the longest probe run")
                    .isEqualTo(Math.min(run.get("length").asInt(), 64));
            return;
        }
        if (chain == null) {
            soft.fail(name + ": no chain holding bin " + index + " in longestChains " + got.get("longestChains"));
            return;
        }
        JsonNode entries = chain.get("entries");
        soft.assertThat(entries.size()).as(name + " entries shown of the longest chain").isGreaterThanOrEqualTo(skip + keys.size());
        List<String> shown = new ArrayList<>();
        for (int i = skip; i < Math.min(skip + keys.size(), entries.size()); i++) {
            shown.add(describeKey(entries.get(i)));
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode k : keys) {
            expected.add(k.isNull() ? "null" : k.asString());
        }
        soft.assertThat(shown).as(name + " longest chain keys (previews " + entries + ")").isEqualTo(expected);
    }

    /**
     * The key of a chain entry as the fixture's toString() would print it: a String preview is quoted with
     * escapes; a fixture key object previews as Class@id, and then its value (derived from the key's name by
     * the fixture's fill rule) names it.
     */
    private static String describeKey(JsonNode entry) {
        String key = entry.get("key").asString();
        if (key.equals("null")) {
            return "null";
        }
        if (key.startsWith("\"")) {
            return Cli.JSON.readTree(key).asString();
        }
        java.util.regex.Matcher fields = FIELDS_PREVIEW.matcher(key);
        if (fields.matches()) {
            return Cli.JSON.readTree(fields.group(2)).asString();
        }
        if (OBJECT_PREVIEW.matcher(key).matches()) {
            String value = Cli.JSON.readTree(entry.get("value").asString()).asString();
            return keyNameForValue(value);
        }
        return "unexpected preview " + key;
    }

    /** Inverts LayoutFixture.fill(): tree-X -> tX, bin-X -> bX (X = a + i), chain-i -> ci, merchant-i -> mi, weak-i -> wi. */
    private static String keyNameForValue(String value) {
        char c = value.charAt(0);
        int i = Integer.parseInt(value.substring(1));
        return switch (c) {
            case 't' -> "tree-" + (char) ('a' + i);
            case 'b' -> "bin-" + (char) ('a' + i);
            case 'c' -> "chain-" + i;
            case 'm' -> "merchant-" + i;
            case 'w' -> "weak-" + i;
            case 's' -> "sound-" + i;
            default -> "value " + value;
        };
    }

    static Long number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asLong();
    }

    static Map<String, Long> histogram(JsonNode h) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            m.put(e.getKey(), e.getValue().asLong());
        }
        return m;
    }

    static String bin(JsonNode b) {
        return b == null || b.isNull() ? null
                : b.get("index").asInt() + "/" + b.get("length").asInt() + "/" + b.get("kind").asString();
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static void assertOneLineOfJson(Cli.Ran ran) {
        assertThat(ran.out().strip()).as("one line of JSON").doesNotContain("\n");
    }

    private static boolean isProbeRunLayout(JsonNode got) {
        JsonNode chains = got.get("longestChains");
        return chains != null && chains.size() > 0 && "probe-run".equals(chains.get(0).get("kind").asString());
    }
}
