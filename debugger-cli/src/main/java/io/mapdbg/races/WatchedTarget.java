package io.mapdbg.races;

import io.mapdbg.inspect.HeapObject;
import io.mapdbg.model.MapRef;

/** A map to watch: the object in the target and how reports name it. */
public record WatchedTarget(HeapObject object, MapRef ref) {
}
