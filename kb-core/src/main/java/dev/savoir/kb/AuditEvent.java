package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change: who did what, when, to which translation, from which state to which.
 *
 * @param at when
 * @param actor the actor's id ({@code system} for scheduled transitions)
 * @param articleId the article
 * @param locale the translation, or {@code null} for article-level changes
 * @param action what happened
 * @param fromState the state before, when a translation changed state
 * @param toState the state after
 * @param revision the revision concerned, if any
 * @param detail a free-text detail (the reviewer's comment, the scheduled time, ...), may be empty
 * @since 0.1
 */
public record AuditEvent(Instant at, String actor, ArticleId articleId, @Nullable Locale locale, AuditAction action,
                         @Nullable TranslationState fromState, @Nullable TranslationState toState,
                         @Nullable Integer revision, String detail) {
    public AuditEvent {
        Check.notNull("at", at);
        Check.notNull("actor", actor);
        Check.notNull("articleId", articleId);
        Check.notNull("action", action);
        Check.atLeastIfPresent("revision", revision, 1);
        detail = detail == null ? "" : detail;
    }
}
