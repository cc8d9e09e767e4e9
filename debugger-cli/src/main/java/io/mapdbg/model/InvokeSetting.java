package io.mapdbg.model;

/** Whether expressions may invoke methods in the target ({@code invoke on|off}). */
public record InvokeSetting(boolean allowed) implements Result {
}
