package dev.savoir.kb.learning;

import dev.savoir.kb.ArticleId;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A learner's standing on one article of a path.
 *
 * @param articleId the article
 * @param publishedRevision the revision published now in the path's locale, if any
 * @param acknowledgedRevision the revision the learner last acknowledged, if any
 * @param state what that means
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record ItemProgress(ArticleId articleId, @Nullable Integer publishedRevision,
                           @Nullable Integer acknowledgedRevision, ReadState state) {
}
