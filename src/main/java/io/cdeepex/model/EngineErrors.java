package io.cdeepex.model;

import java.util.ArrayList;
import java.util.List;

/** The part of a PyTorch/DJL exception message that tells a user what went wrong, without the native noise. */
final class EngineErrors {
    private EngineErrors() {}

    /**
     * A TorchScript failure carries two tracebacks and ends with the actual error ("RuntimeError: mat1 and mat2
     * shapes cannot be multiplied ..."): that last line is the reason. Other messages are kept whole up to the C++
     * "Exception raised from" trace; a message-less exception (an EOF inside a file reader) gives its type.
     */
    static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.equals("null")) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? reason(cause) : describe(e);
        }
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (line.startsWith("Exception raised from")) break;
            if (!line.isBlank()) lines.add(line.strip());
        }
        if (message.contains("Traceback of TorchScript")) return lines.get(lines.size() - 1);
        return String.join(" ", lines);
    }

    private static String describe(Throwable e) {
        if (e instanceof java.io.EOFException) return "the file ends too early (EOFException)";
        return e.getClass().getSimpleName();
    }
}
