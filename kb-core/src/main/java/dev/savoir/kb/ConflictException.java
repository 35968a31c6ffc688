package dev.savoir.kb;

import java.io.Serial;

/**
 * A change was based on a state that is no longer current: someone else changed the article first. Reload, merge,
 * and retry against the current state. See {@link RevisionConflictException} and
 * {@link ArticleVersionConflictException}.
 *
 * @since 0.1
 */
public abstract sealed class ConflictException extends KbException
        permits RevisionConflictException, ArticleVersionConflictException, InboxItemConflictException {
    @Serial
    private static final long serialVersionUID = 1L;

    protected ConflictException(String message) {
        super(message);
    }
}
