package dev.savoir.kb.learning;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A learner's statement that it read one revision of a translation. A learner's later acknowledgement of the same
 * translation replaces it.
 *
 * @param learner the actor's id
 * @param articleId the article
 * @param locale the translation
 * @param revision the revision read
 * @param at when
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record Acknowledgement(String learner, ArticleId articleId, Locale locale, int revision, Instant at) {
    public Acknowledgement {
        if (learner == null || articleId == null || locale == null || at == null) {
            throw new InvalidArgumentException("acknowledgement", "learner, article, locale and time are required");
        }
        if (revision < 1) {
            throw new InvalidArgumentException("revision", "must be at least 1, got " + revision);
        }
    }
}
