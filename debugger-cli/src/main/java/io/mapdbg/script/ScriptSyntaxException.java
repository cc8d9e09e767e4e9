package io.mapdbg.script;

/** A script that does not parse; its message is {@code file:line:col: message}. Nothing has run when it is thrown. */
public final class ScriptSyntaxException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ScriptSyntaxException(String file, int line, int column, String reason) {
        super(io.mapdbg.command.Echo.escaped(file + ":" + line + ":" + column + ": " + reason)); // input is never echoed raw
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
