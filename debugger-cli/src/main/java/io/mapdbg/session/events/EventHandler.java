package io.mapdbg.session.events;

import com.sun.jdi.event.Event;

/** Handles the events of one request on the loop thread; returns true to keep the event's thread stopped. */
@FunctionalInterface
public interface EventHandler {
    boolean handle(Event event);
}
