package io.mapdbg.model;

/** A bin and how many entries it holds; kind is "chain", "tree", "slot" (open addressing) or "empty". */
public record BinLength(int index, int length, String kind) {
}
