package dev.savoir.kb.internal.reports;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.reports.ArticleReport;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.ReviewDue;
import dev.savoir.kb.reports.StaleArticle;
import dev.savoir.kb.spi.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Knowledge managers' reports over the store and the feedback: reviews due, stale, outdated, most viewed, least helpful. */
public final class Reports {
    private final KbContext kb;
    private final FeedbackStore feedback;

    public Reports(KbContext kb, FeedbackStore feedback) {
        this.kb = kb;
        this.feedback = feedback;
    }

    public List<ReviewDue> dueForReview() {
        kb.requireOpen();
        Instant now = kb.clock().instant();
        return articles()
                .filter(a -> a.needsReview(now))
                .map(a -> new ReviewDue(a.id(), a.owner(), Objects.requireNonNull(a.reviewDueAt())))
                .sorted(Comparator.comparing(ReviewDue::reviewDueAt).thenComparing(r -> r.articleId().value()))
                .toList();
    }

    public List<StaleArticle> staleArticles(@Nullable Duration notUpdatedFor) {
        kb.requireOpen();
        Check.notNull("notUpdatedFor", notUpdatedFor);
        if (notUpdatedFor.isNegative()) {
            throw new InvalidArgumentException("notUpdatedFor", "must not be negative, got "
                    + notUpdatedFor);
        }
        Instant now = kb.clock().instant();
        Instant cutoff = now.minus(notUpdatedFor);
        return articles()
                .filter(a -> a.needsReview(now) || a.updatedAt().isBefore(cutoff))
                .map(a -> new StaleArticle(a.id(), a.owner(), a.reviewDueAt(), a.updatedAt(), a.needsReview(now)))
                .sorted(Comparator.comparing(StaleArticle::reviewOverdue).reversed()
                        .thenComparing(StaleArticle::updatedAt).thenComparing(s -> s.articleId().value()))
                .toList();
    }

    public List<ArticleReport> articlesByViews(@Nullable Instant from, @Nullable Instant to, int limit) {
        kb.requireOpen();
        Check.period(from, to);
        InputLimits.checkLimit(limit, InputLimits.MAX_REPORT_ROWS);
        return feedback.summaries().keySet().stream()
                .map(id -> Map.entry(id, feedback.views(id, from, to)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<ArticleId, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().value()))
                .limit(limit)
                .map(e -> report(e.getKey(), e.getValue()))
                .flatMap(Optional::stream)
                .toList();
    }

    public List<ArticleReport> articlesByHelpfulness(int minVotes, int limit) {
        kb.requireOpen();
        Check.atLeast("minVotes", minVotes, 0);
        InputLimits.checkLimit(limit, InputLimits.MAX_REPORT_ROWS);
        return feedback.summaries().entrySet().stream()
                .filter(e -> e.getValue().helpful() + e.getValue().notHelpful() >= minVotes)
                .sorted(Comparator.comparingDouble((Map.Entry<ArticleId, FeedbackSummary> e) ->
                        e.getValue().helpfulness()).thenComparing(e -> e.getKey().value()))
                .limit(limit)
                .map(e -> report(e.getKey(), e.getValue().views()))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<ArticleReport> report(ArticleId id, long views) {
        return kb.store().article(id).map(a -> new ArticleReport(id, kb.store().revision(id, a.sourceLocale(),
                a.source().latestRevision()).map(r -> r.content().title()).orElse(""), a.owner(), views,
                feedback.summary(id)));
    }

    public List<OutdatedTranslation> outdatedTranslations() {
        kb.requireOpen();
        List<OutdatedTranslation> out = new ArrayList<>();
        articles().forEach(a -> {
            Translation src = a.source();
            int ref = src.publishedRevision() != null ? src.publishedRevision() : src.latestRevision();
            for (Translation t : a.translations().values()) {
                if (a.isOutdated(t.locale())) {
                    out.add(new OutdatedTranslation(a.id(), t.locale(), Objects.requireNonNull(t.translatedFrom()),
                            ref));
                }
            }
        });
        return out;
    }

    private java.util.stream.Stream<Article> articles() {
        return kb.store().articleIds().stream().map(kb.store()::article).flatMap(Optional::stream);
    }
}
