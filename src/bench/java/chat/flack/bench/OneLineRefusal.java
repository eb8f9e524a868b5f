package chat.flack.bench;

import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the benchmark tools answer a bad command line: one line on standard error, naming the
 * option (and picocli's guess at a mistyped one), and status 2.
 */
record OneLineRefusal(String tool) implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String guess = e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
        e.getCommandLine().getErr().println(tool + ": " + e.getMessage() + guess + " (--help lists the options)");
        return 2;
    }
}
