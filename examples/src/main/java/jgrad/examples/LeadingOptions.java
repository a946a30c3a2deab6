package jgrad.examples;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Options written before the subcommand ({@code jgrad --epochs 1 --lr 0.5 fashion}) apply to the
 * subcommand, as if written after it. An option the subcommand does not have, or one given both
 * before and after it, is an error naming the option and the subcommand, never silently ignored.
 */
final class LeadingOptions {
    private LeadingOptions() {}

    /** The CLI's execution strategy: moves the leading options, then runs the last command. */
    static int execute(ParseResult top) {
        if (top.isUsageHelpRequested() || top.isVersionHelpRequested()) {
            return new CommandLine.RunLast().execute(top);
        }
        ParseResult sub = top.subcommand();
        if (sub != null) {
            String name = sub.commandSpec().name();
            for (OptionSpec o : top.matchedOptions()) {
                String option = o.longestName();
                OptionSpec target = sub.commandSpec().findOption(option);
                if (target == null) {
                    throw new ParameterException(sub.commandSpec().commandLine(), "jgrad: " + option + " (before '"
                            + name + "') is not an option of '" + name + "'; see jgrad " + name + " --help");
                }
                if (sub.hasMatchedOption(option)) {
                    throw new ParameterException(sub.commandSpec().commandLine(), "jgrad: " + option
                            + " is given both before and after '" + name + "'; give it once");
                }
                target.setValue(o.getValue());
            }
        }
        return new CommandLine.RunLast().execute(top);
    }
}
