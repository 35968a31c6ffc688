package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.internal.Check;

/**
 * How one article is doing, for a knowledge manager's report.
 *
 * @param articleId the article
 * @param title its source title (latest revision)
 * @param owner its owner
 * @param views views in the period (or in total, for helpfulness reports)
 * @param feedback its feedback aggregates
 * @since 0.1
 */
public record ArticleReport(ArticleId articleId, String title, String owner, long views, FeedbackSummary feedback) {
    public ArticleReport {
        Check.notNull("articleId", articleId);
        Check.notNull("title", title);
        Check.notNull("owner", owner);
        Check.atLeast("views", views, 0);
        Check.notNull("feedback", feedback);
    }
}
