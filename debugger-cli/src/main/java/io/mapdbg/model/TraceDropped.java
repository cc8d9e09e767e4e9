package io.mapdbg.model;

/**
 * Said while a trace runs when its printer could not keep up: dropped events of that trace so far (type is always
 * "dropped"). The traced threads never wait for the printer; its queue is bounded and full events are counted here.
 */
public record TraceDropped(String type, String breakpoint, long dropped) implements Result {
    public TraceDropped {
        type = "dropped";
    }

    public TraceDropped(String breakpoint, long dropped) {
        this("dropped", breakpoint, dropped);
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
