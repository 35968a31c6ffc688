package dev.savoir.kb;

import java.io.Serial;

/**
 * An article (or a translation) with this id (or locale) already exists.
 *
 * @since 0.1
 */
public final class DuplicateArticleException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public DuplicateArticleException(String message) {
        super(message);
    }
}
