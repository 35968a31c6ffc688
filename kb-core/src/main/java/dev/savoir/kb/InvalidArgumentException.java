package dev.savoir.kb;

import java.io.Serial;
import java.util.List;

/**
 * A method was called with an argument it cannot take: null where a value is required, a number out of its range,
 * or a period whose end is before its start. {@link #parameter()} names the parameter; the message says what is
 * allowed. A programming error on the caller's side: nothing was read or written.
 *
 * @since 0.1
 */
public class InvalidArgumentException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter's name, as in the method's javadoc
     * @param message what is wrong and what is allowed
     */
    public InvalidArgumentException(String parameter, String message) {
        super(parameter + ": " + message, List.of(new Violation(parameter, message)));
        this.parameter = parameter;
    }

    /** The name of the refused parameter. */
    public String parameter() {
        return parameter;
    }
}
