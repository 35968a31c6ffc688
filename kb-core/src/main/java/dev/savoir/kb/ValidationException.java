package dev.savoir.kb;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was refused; {@link #violations()} lists every problem found, not just the first. Nothing was written.
 *
 * @since 0.1
 */
public class ValidationException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        this(summary(violations), violations);
    }

    protected ValidationException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** Every problem found, in the order the checks ran. */
    public List<Violation> violations() {
        return violations;
    }

    static String summary(List<Violation> violations) {
        return violations.size() + " problem(s): "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
