package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One hit of a breakpoint or trace, published as it happens (type is always "hit"). location is the method hit
 * ({@code java.util.HashMap.putVal}); map is null outside a map method; key and value are bounded previews (null
 * where the method has none); caller is the first frame outside java.util. capacityBefore/After are set for a
 * mapgrow hit only (table length at entry and on return). hit counts this breakpoint's reported hits from 1;
 * stopped says the thread is held until {@code continue}. op says what a mapassign hit did (put, remove, clear, or
 * compute for the compute methods and merge, which may only read; null outside mapassign); source is the way in that saw it: jdwp
 * or agent.
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
                            boolean stopped,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String op,
                            String source) implements Result {

    public BreakpointHit {
        type = "hit";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }

    /** A hit seen through JDWP, without op. */
    public BreakpointHit(String type, String breakpoint, ThreadRef thread, String location, MapRef map, String key,
                         String value, String caller, Integer capacityBefore, Integer capacityAfter, long hit,
                         boolean stopped) {
        this(type, breakpoint, thread, location, map, key, value, caller, capacityBefore, capacityAfter, hit, stopped,
                null, "jdwp");
    }
}
