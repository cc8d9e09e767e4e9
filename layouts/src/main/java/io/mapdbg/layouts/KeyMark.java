package io.mapdbg.layouts;

/** Keys that are not objects of the map's user (WeakHashMap's null key and cleared referents): previewed as text. */
public enum KeyMark {
    NULL("null"), CLEARED("(cleared)");

    public final String text;

    KeyMark(String text) {
        this.text = text;
    }
}
