package io.mapdbg.model;

/** A waiting thread: name, Java thread id, state, and the frame where it waits. */
public record Waiter(String name, long id, String state, String frame) {
}
