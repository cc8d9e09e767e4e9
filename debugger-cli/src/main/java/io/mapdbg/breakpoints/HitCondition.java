package io.mapdbg.breakpoints;

/** A breakpoint's condition, compiled once when it is set and tested at each hit. */
public interface HitCondition {
    boolean test(HitScope scope);

    /** The text the user wrote. */
    String source();
}
