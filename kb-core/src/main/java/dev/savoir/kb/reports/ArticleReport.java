package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;

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
        Args.notNull("articleId", articleId);
        Args.notNull("title", title);
        Args.notNull("owner", owner);
        Args.atLeast("views", views, 0);
        Args.notNull("feedback", feedback);
    }
}
