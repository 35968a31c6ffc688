package dev.savoir.kb;

import java.io.Serial;
import java.util.List;

/**
 * An article id is null, blank, too long or uses characters outside {@code [A-Za-z0-9._-]}.
 *
 * @since 0.1
 */
public final class InvalidArticleIdException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    public InvalidArticleIdException(String message) {
        super(message, List.of(new Violation("id", message)));
    }
}
