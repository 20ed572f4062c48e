package io.ra2check.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
        return withStdin(new byte[0], args);
    }

    /** The same with these bytes on standard input. */
    static Cli withStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new java.io.ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** The error output is one line and names the problem (no stack trace). */
    boolean oneLineError(String expected) {
        String first = err.lines().findFirst().orElse("");
        return first.startsWith("ra2check: ") && first.contains(expected) && !err.contains("\tat ");
    }
}
