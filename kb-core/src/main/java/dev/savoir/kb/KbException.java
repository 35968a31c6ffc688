package dev.savoir.kb;

import java.io.Serial;

/**
 * The root of every exception Savoir throws. Unchecked: a caller that wants to react to one kind of failure catches
 * its subclass ({@link ArticleNotFoundException}, {@link RevisionConflictException},
 * {@link InvalidTransitionException}, {@link ValidationException}, ...).
 *
 * @since 0.1
 */
public class KbException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public KbException(String message) {
        super(message);
    }

    public KbException(String message, Throwable cause) {
        super(message, cause);
    }
}
