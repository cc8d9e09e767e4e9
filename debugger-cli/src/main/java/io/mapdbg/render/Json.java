package io.mapdbg.render;

import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Result;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results as JSON: one object per result, on one line (JSON lines), field order as in the records. A blocked report
 * is written by hand ({@link BlockedJson}, the same text): Jackson is built on first use only for the others.
 */
public final class Json {
    private Json() {
    }

    /** Built on first use (a thread dump's report does not need it). */
    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    public static String render(Result result) {
        if (result instanceof BlockedReport r) {
            return BlockedJson.render(r);
        }
        return jackson(result);
    }

    /**
     * Through Jackson, whatever the result (BlockedJsonTest compares it with the hand-written report). Every line has
     * a "type" first: a result that carries none gets its name ({@link #typeOf}).
     */
    public static String jackson(Result result) {
        JsonNode tree = Holder.MAPPER.valueToTree(result);
        if (tree instanceof ObjectNode node && (!node.has("type") || node.get("type").isNull())) {
            ObjectNode typed = Holder.MAPPER.createObjectNode();
            typed.put("type", typeOf(result));
            node.remove("type");
            typed.setAll(node);
            tree = typed;
        }
        return Holder.MAPPER.writeValueAsString(tree);
    }

    /** A line's type, for results whose record has no type of its own: the command's or the event's name. */
    static String typeOf(Result result) {
        String name = result.getClass().getSimpleName();
        return switch (name) {
            case "BlockedReport" -> "blocked";
            case "BreakpointInfo" -> "breakpoint";
            case "BreakpointList" -> "breakpoints";
            case "BreakpointsCleared" -> "cleared";
            case "BucketLayout" -> "buckets";
            case "Continued" -> "continue";
            case "MapCensus" -> "maps";
            case "Printed" -> "print";
            case "RaceReport" -> "races";
            case "StackProfile" -> "threadGroups";
            case "StackTrace" -> "stack";
            case "ThreadList" -> "threads";
            default -> Character.toLowerCase(name.charAt(0)) + name.substring(1);
        };
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
