package io.mapdbg.agent;

import io.mapdbg.agent.channel.ControlChannel;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.channel.Request;
import io.mapdbg.agent.channel.RequestHandler;

import java.io.DataOutputStream;
import java.lang.instrument.Instrumentation;

/** The requests the agent core serves: hello (who is there), and the layouts, maps and threads requests. */
final class Requests {
    private Requests() {
    }

    static void registerAll(final ControlChannel channel, Instrumentation inst, final String mode) {
        channel.register("hello", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                DataOutputStream out = reply.out();
                out.writeLong(Handshake.pid());
                out.writeUTF(System.getProperty("java.version", "?"));
                out.writeUTF(mode);
                String[] names = channel.requestNames();
                out.writeInt(names.length);
                for (String name : names) {
                    out.writeUTF(name);
                }
            }
        });
        io.mapdbg.agent.layout.LayoutRequests.register(channel, inst);
        io.mapdbg.agent.threads.ThreadRequests.register(channel, inst);
    }
}
