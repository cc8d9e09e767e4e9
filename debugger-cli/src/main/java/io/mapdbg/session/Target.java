package io.mapdbg.session;

/** Where the debuggee is: a local process id, or a JDWP socket. */
public sealed interface Target {

    record Pid(long pid) implements Target {
        @Override
        public String toString() {
            return "pid " + pid;
        }
    }

    record Socket(String host, int port) implements Target {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** {@code 4242} is a PID; {@code host:port} or {@code :port} is a JDWP socket (loopback when host is empty). */
    static Target parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.matches("\\d{1,18}")) {
            long pid = Long.parseLong(s);
            if (pid <= 0) {
                throw TargetException.usage("not a target: '" + s + "' (a PID must be positive)");
            }
            return new Pid(pid);
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            String host = s.substring(0, colon);
            String port = s.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // [::1]:5005
            }
            if (port.matches("\\d{1,5}") && !host.contains(" ")) {
                int p = Integer.parseInt(port);
                if (p >= 1 && p <= 65535) {
                    return new Socket(host.isEmpty() ? "127.0.0.1" : host, p);
                }
            }
        }
        throw TargetException.usage("not a target: '" + s + "' (expected a PID like 4242 or a JDWP socket like host:5005 or :5005)");
    }
}
