package io.mapdbg.render;

import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Result;
import tools.jackson.databind.ObjectMapper;
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

    /** Through Jackson, whatever the result (BlockedJsonTest compares it with the hand-written report). */
    public static String jackson(Result result) {
        return Holder.MAPPER.writeValueAsString(result);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
