package io.mapdbg.model;

/** ConcurrentHashMap resize state; resizing is true when nextTable is set. nextTableLength is null without one. */
public record ResizeState(boolean resizing, Integer nextTableLength, int sizeCtl, int transferIndex) {
}
