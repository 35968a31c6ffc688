package dev.savoir.kb;

import java.io.Serial;

/**
 * The translation named does not exist (or is not visible to the caller).
 *
 * @since 0.1
 */
public final class TranslationNotFoundException extends NotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TranslationNotFoundException(String message) {
        super(message);
    }
}
