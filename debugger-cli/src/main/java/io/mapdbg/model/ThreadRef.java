package io.mapdbg.model;

/**
 * A thread as the user sees it: name and Java thread id ({@code Thread.getId()}, jstack's {@code #N}, what
 * {@code threads} lists and {@code --thread} and {@code thread <id>} take); -1 when unknown.
 */
public record ThreadRef(String name, long id) {
}
