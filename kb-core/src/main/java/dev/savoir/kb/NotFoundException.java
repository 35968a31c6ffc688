package dev.savoir.kb;

import java.io.Serial;

/**
 * Something named by the caller does not exist: see {@link ArticleNotFoundException},
 * {@link TranslationNotFoundException} and {@link RevisionNotFoundException}.
 *
 * @since 0.1
 */
public abstract sealed class NotFoundException extends KbException
        permits ArticleNotFoundException, TranslationNotFoundException, RevisionNotFoundException,
        InboxItemNotFoundException, LearningPathNotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    protected NotFoundException(String message) {
        super(message);
    }
}
