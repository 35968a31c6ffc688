package dev.savoir.kb;

import java.io.Serial;
import java.util.List;

/**
 * A locale tag is not a well-formed BCP 47 language tag (e.g. {@code en}, {@code fr-CA}, {@code pt-BR}).
 *
 * @since 0.1
 */
public final class InvalidLocaleException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    public InvalidLocaleException(String message) {
        super(message, List.of(new Violation("locale", message)));
    }
}
