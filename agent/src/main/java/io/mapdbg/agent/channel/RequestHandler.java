package io.mapdbg.agent.channel;

/**
 * Serves one kind of request on the control channel. Runs on the connection's own daemon thread; whatever it
 * throws becomes an error reply (the message, one line) and never reaches an application thread.
 */
public interface RequestHandler {

    /** Writes the answer into reply.out(); a streaming handler may call reply.flush() between parts. */
    void handle(Request request, Reply reply) throws Exception;
}
