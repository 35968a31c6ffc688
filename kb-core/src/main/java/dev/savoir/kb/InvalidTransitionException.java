package dev.savoir.kb;

import java.io.Serial;

/**
 * A lifecycle transition is not allowed from the translation's current state (e.g. approving a draft that was never
 * submitted for review, or editing an archived translation). The message names the states it is allowed from.
 *
 * @since 0.1
 */
public final class InvalidTransitionException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final TranslationState from;
    private final Action action;

    public InvalidTransitionException(ArticleId id, String locale, TranslationState from, Action action, String hint) {
        super("cannot " + action.verb() + " " + id + " [" + locale + "] while it is " + from + ": " + hint);
        this.from = from;
        this.action = action;
    }

    public TranslationState from() {
        return from;
    }

    public Action action() {
        return action;
    }
}
