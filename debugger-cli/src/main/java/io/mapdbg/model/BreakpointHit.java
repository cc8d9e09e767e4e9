package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One hit of a breakpoint or trace, published as it happens (type is always "hit"). location is the method hit
 * ({@code java.util.HashMap.putVal}); map is null outside a map method; key and value are bounded previews (null
 * where the method has none); caller is the first frame outside java.util. capacityBefore/After are set for a
 * mapgrow hit only (table length at entry and on return). hit counts this breakpoint's reported hits from 1;
 * stopped says the thread is held until {@code continue}.
 */
public record BreakpointHit(String type,
                            String breakpoint,
                            ThreadRef thread,
                            String location,
                            MapRef map,
                            String key,
                            String value,
                            String caller,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer capacityBefore,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer capacityAfter,
                            long hit,
                            boolean stopped) implements Result {

    public BreakpointHit {
        type = "hit";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
