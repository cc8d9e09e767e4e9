package io.mapdbg.render;

import io.mapdbg.model.Result;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Results as JSON: one object per result, on one line (JSON lines), field order as in the records. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String render(Result result) {
        return MAPPER.writeValueAsString(result);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
