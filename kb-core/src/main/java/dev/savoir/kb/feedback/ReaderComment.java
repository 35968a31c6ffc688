package dev.savoir.kb.feedback;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A comment a reader left with a vote.
 *
 * @param articleId the article
 * @param locale the translation read
 * @param helpful the vote
 * @param reason why it did not help, if given
 * @param text the comment
 * @param at when
 * @since 0.1
 */
public record ReaderComment(ArticleId articleId, Locale locale, boolean helpful, @Nullable VoteReason reason,
                            String text, Instant at) {
    public ReaderComment {
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.notNull("text", text);
        Check.notNull("at", at);
    }
}
