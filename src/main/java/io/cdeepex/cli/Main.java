package io.cdeepex.cli;

import io.cdeepex.model.DjlDefaults;
import picocli.CommandLine;

import java.util.Optional;
import picocli.CommandLine.Command;

/** The {@code cdeepex} command line: {@code java -jar target/cdeepex.jar <command> --help}. */
@Command(
        name = "cdeepex",
        mixinStandardHelpOptions = true,
        version = "cdeepex-audit 0.1.0",
        description = "Audits image classifiers with contrastive explanations (CDeepEx).",
        subcommands = {
            DataCommand.class,
            EvaluateCommand.class,
            ExplainCommand.class,
            ScanCommand.class,
            BiasBenchmarkCommand.class,
            TrainCommand.class,
            BenchCommand.class,
            AuditCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        Optional<Integer> relaunched = NativeEnvironment.relaunchIfNeeded(args);
        System.exit(relaunched.orElseGet(() -> run(args)));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        DjlDefaults.apply();
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("cdeepex.trace")) e.printStackTrace(line.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
