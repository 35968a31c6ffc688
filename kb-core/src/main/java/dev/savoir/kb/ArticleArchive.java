package dev.savoir.kb;

import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.internal.Check;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything about one article, for export and import: its state, every revision of every translation, its audit
 * trail and its feedback aggregates.
 *
 * @param article the article's state
 * @param revisions every revision per locale, oldest first
 * @param events the audit trail, oldest first
 * @param feedback the feedback aggregates
 * @since 0.1
 */
public record ArticleArchive(Article article, Map<Locale, List<Revision>> revisions, List<AuditEvent> events,
                             FeedbackSummary feedback) {
    public ArticleArchive {
        Check.notNull("article", article);
        revisions = Map.copyOf(Check.noNulls("revisions", revisions));
        revisions.values().forEach(r -> Check.noNulls("revisions", r));
        events = List.copyOf(Check.noNulls("events", events));
        Check.notNull("feedback", feedback);
    }
}
