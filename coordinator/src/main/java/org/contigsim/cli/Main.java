package org.contigsim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import org.contigsim.runtime.Release;
import org.contigsim.runtime.UsageException;
import org.contigsim.runtime.RunFailure;

/**
 * The {@code contigsim} command line.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} runtime failure,
 * {@value #EXIT_USAGE} bad input. Every kind of bad input (an unknown option, a missing or
 * unconvertible value, a {@link UsageException} from our own code) is reported as exactly one
 * line {@code contigsim: <message>} on stderr. An unexpected exception is reported as one line
 * {@code contigsim: internal error: <class>: <message>}, or as a stack trace with the hidden
 * {@code --debug} flag.
 *
 * <p>Subcommands are registered in {@link #subcommands()}.
 */
@Command(
        name = "contigsim",
        mixinStandardHelpOptions = true,
        version = Main.VERSION,
        description = "Simulates physical-memory contiguity (buddy allocator, fragmentation) of hosts.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            Main.EXIT_OK + ":success",
            Main.EXIT_FAILURE + ":runtime failure",
            Main.EXIT_USAGE + ":bad input (one line on stderr says what)"
        })
public final class Main implements Callable<Integer> {
    /** What {@code --version} prints. */
    public static final String VERSION = Release.VERSION;

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    static final String PREFIX = Release.PREFIX;

    @Option(names = "--debug", hidden = true, scope = ScopeType.INHERIT,
            description = "Print the stack trace of unexpected exceptions.")
    boolean debug;

    /**
     * Every subcommand, in the order {@code --help} lists them. Add new commands here (fresh
     * instances: {@link #run} may be called many times in one JVM).
     */
    static List<Object> subcommands() {
        return List.of(
                new MemoryCommand(),
                new IbReadBwCommand(),
                new NicFitCommand(),
                new LabCommand(),
                new RunCommand(),
                new ValidateCommand(),
                new NodeCommand(),
                new CoordinatorCommand(),
                new CommandLine.HelpCommand());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // the report charts are drawn without a display
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit code; never calls {@link System#exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(commandLine(out, err, subcommands()), args);
    }

    /**
     * The configured command line writing to the given streams. Subcommands must be added here,
     * not afterwards, so that they get the streams and exception handlers too.
     */
    static CommandLine commandLine(PrintStream out, PrintStream err, List<Object> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : subcommands) {
            cl.addSubcommand(sub);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Main::handleParameterException);
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        return cl;
    }

    /** Executes a command line made by {@link #commandLine}. */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // Only reached if a handler itself fails.
            PrintWriter err = cl.getErr();
            err.println(PREFIX + "internal error: " + describe(e));
            err.flush();
            return EXIT_FAILURE;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** Without a subcommand there is nothing to do. */
    @Override
    public Integer call() {
        throw new UsageException("no command given (see 'contigsim --help')");
    }

    private static int handleParameterException(ParameterException ex, String[] args) {
        Throwable cause = ex.getCause();
        String message = cause instanceof UsageException ? cause.getMessage() : FlagErrors.message(ex, args);
        PrintWriter err = ex.getCommandLine().getErr();
        err.println(PREFIX + oneLine(message));
        err.flush();
        return EXIT_USAGE;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        Throwable t = ex;
        if (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause(); // an Error thrown by a command
        }
        PrintWriter err = cl.getErr();
        if (t instanceof UsageException) {
            err.println(PREFIX + oneLine(t.getMessage()));
            err.flush();
            return EXIT_USAGE;
        }
        if (t instanceof RunFailure) {
            err.println(PREFIX + "run failed: " + oneLine(t.getMessage()));
            err.flush();
            return EXIT_FAILURE;
        }
        if (t instanceof ParameterException) {
            // Thrown by a command's own validation (e.g. spec.commandLine() checks).
            err.println(PREFIX + oneLine(t.getMessage()));
            err.flush();
            return EXIT_USAGE;
        }
        if (debugRequested(parseResult)) {
            t.printStackTrace(err);
        }
        err.println(PREFIX + "internal error: " + describe(t));
        err.flush();
        return EXIT_FAILURE;
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return oneLine(t.getClass().getName() + ": " + t.getMessage());
    }

    /** Joins a multi-line message so every error is exactly one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "null";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
