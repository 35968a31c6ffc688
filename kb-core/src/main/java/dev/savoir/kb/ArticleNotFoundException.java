package dev.savoir.kb;

import java.io.Serial;

/**
 * The article named does not exist (or is not visible to the caller).
 *
 * @since 0.1
 */
public final class ArticleNotFoundException extends NotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ArticleNotFoundException(String message) {
        super(message);
    }
}
