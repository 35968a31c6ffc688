package dev.savoir.kb.internal.learning;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.internal.privacy.PersonalData;
import dev.savoir.kb.reports.KpiReport;
import dev.savoir.kb.reports.KpiSections;
import dev.savoir.kb.reports.ReviewDue;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.spi.AnalyticsStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the {@link KpiReport} of a period from the analytics rollups (read day by day), the store (review dates
 * and owners, publication times), the search engine (whether a gap's query finds a published article now: searched
 * directly, so that the check is not itself recorded as a search) and the contributed sections.
 */
final class Kpis {
    private static final Logger LOG = LoggerFactory.getLogger(Kpis.class);
    /** The most gaps whose query is searched again to see whether it is closed, the most searched first. */
    static final int MAX_GAP_CHECKS = 500;

    private final KbContext kb;
    private final AnalyticsStore analytics;
    private final IndexSync index;
    private final Supplier<List<ReviewDue>> dueForReview;
    private final KpiSections sections;

    Kpis(KbContext kb, AnalyticsStore analytics, IndexSync index, Supplier<List<ReviewDue>> dueForReview,
         KpiSections sections) {
        this.kb = kb;
        this.analytics = analytics;
        this.index = index;
        this.dueForReview = dueForReview;
        this.sections = sections;
    }

    /** The counts of one gap while reading the days. */
    private static final class GapCounts {
        final String query;
        final String language;
        final Instant firstSeen;
        long zero;
        Instant lastZeroSeen = Instant.EPOCH;

        GapCounts(String query, String language, Instant firstSeen) {
            this.query = query;
            this.language = language;
            this.firstSeen = firstSeen;
        }
    }

    KpiReport report(Instant from, Instant to) {
        if (Duration.between(from, to).compareTo(Duration.ofDays(KpiReport.MAX_DAYS)) > 0) {
            throw new InvalidArgumentException("to", "a KPI report covers at most " + KpiReport.MAX_DAYS
                    + " days, got " + Duration.between(from, to).toDays() + ": ask for a shorter period");
        }
        Instant now = kb.clock().instant();
        analytics.flush();
        List<KpiReport.SearchActivity.Day> days = new ArrayList<>();
        Map<String, GapCounts> gaps = new LinkedHashMap<>();
        long searches = 0;
        long zero = 0;
        long withoutClick = 0;
        if (from.isBefore(to)) {
            LocalDate last = day(to.minusNanos(1));
            for (LocalDate d = day(from); !d.isAfter(last); d = d.plusDays(1)) {
                Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                long s = 0;
                long z = 0;
                long w = 0;
                for (QueryStats q : analytics.queries(start, start.plus(Duration.ofDays(1)))) {
                    s += q.searches();
                    z += q.zeroResultSearches();
                    w += Math.max(0, q.searches() - q.clicks());
                    if (q.zeroResultSearches() > 0 && !q.query().isEmpty()) {
                        GapCounts g = gaps.computeIfAbsent(q.language() + "|" + q.query(),
                                k -> new GapCounts(q.query(), q.language(), q.lastSeen()));
                        g.zero += q.zeroResultSearches();
                        if (q.lastSeen().isAfter(g.lastZeroSeen)) {
                            g.lastZeroSeen = q.lastSeen();
                        }
                    }
                }
                days.add(new KpiReport.SearchActivity.Day(d, s, z, w));
                searches += s;
                zero += z;
                withoutClick += w;
            }
        }
        return new KpiReport(from, to, now, analytics.deflection(from, to),
                new KpiReport.SearchActivity(searches, zero, withoutClick, days), gaps(gaps, from),
                overdue(), section(() -> sections.inboxBacklog(from, to)),
                section(() -> sections.learningPaths(from, to)));
    }

    private KpiReport.KnowledgeGaps gaps(Map<String, GapCounts> counts, Instant from) {
        List<GapCounts> sorted = counts.values().stream()
                .sorted(Comparator.comparingLong((GapCounts g) -> g.zero).reversed()
                        .thenComparing(g -> g.language + "|" + g.query)).toList();
        List<KpiReport.KnowledgeGaps.Gap> all = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            GapCounts g = sorted.get(i);
            Instant opened = max(g.firstSeen, from);
            Locale language = Locale.forLanguageTag(g.language.isEmpty() ? "und" : g.language);
            Answer answer = i < MAX_GAP_CHECKS ? answer(g.query, language) : null;
            Instant closed = null;
            if (answer != null) {
                closed = answer.publishedAt != null && answer.publishedAt.isAfter(opened) ? answer.publishedAt
                        : max(g.lastZeroSeen, opened);
            }
            all.add(new KpiReport.KnowledgeGaps.Gap(g.query, language, opened, closed,
                    answer == null ? null : answer.article, g.zero));
        }
        List<Duration> times = all.stream().map(KpiReport.KnowledgeGaps.Gap::timeToClose)
                .filter(java.util.Objects::nonNull).sorted().toList();
        Duration median = times.isEmpty() ? null : times.size() % 2 == 1 ? times.get(times.size() / 2)
                : times.get(times.size() / 2 - 1).plus(times.get(times.size() / 2)).dividedBy(2);
        List<KpiReport.KnowledgeGaps.Gap> listed = all.stream()
                .filter(g -> g.query().indexOf('<') < 0 && !PersonalData.containsAny(g.query()))
                .limit(KpiReport.KnowledgeGaps.MAX_LISTED).toList();
        return new KpiReport.KnowledgeGaps(all.size(), times.size(), median, listed);
    }

    /** The published article that answers a query now, and when its translation was published. */
    private record Answer(ArticleId article, @Nullable Instant publishedAt) {
    }

    /** What searching {@code query} now finds first for a customer of {@code language}, if anything. */
    private @Nullable Answer answer(String query, Locale language) {
        if (!index.hasEngine()) {
            return null;
        }
        try {
            SearchResponse r = index.engine().search(SearchRequest.builder(query).limit(1).build(),
                    ViewerContext.external(language));
            if (r.hits().isEmpty()) {
                return null;
            }
            SearchHit hit = r.hits().getFirst();
            Instant published = kb.store().article(hit.articleId()).map(Article::translations)
                    .map(t -> t.get(hit.locale())).map(Translation::publishedAt).orElse(null);
            return new Answer(hit.articleId(), published);
        } catch (RuntimeException e) {
            LOG.debug("Cannot check whether the gap \"{}\" is closed: {}", query, e.getMessage());
            return null;
        }
    }

    private List<KpiReport.OwnerReviews> overdue() {
        Map<String, List<ReviewDue>> byOwner = new HashMap<>();
        for (ReviewDue r : dueForReview.get()) {
            byOwner.computeIfAbsent(r.owner(), k -> new ArrayList<>()).add(r);
        }
        return byOwner.entrySet().stream()
                .map(e -> new KpiReport.OwnerReviews(e.getKey(), e.getValue().size(),
                        e.getValue().getFirst().reviewDueAt(), e.getValue().stream().map(ReviewDue::articleId)
                        .toList()))
                .sorted(Comparator.comparing(KpiReport.OwnerReviews::oldestDueAt)
                        .thenComparing(KpiReport.OwnerReviews::owner))
                .toList();
    }

    private static <T> @Nullable T section(Supplier<Optional<T>> s) {
        try {
            return s.get().orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("A KPI report section failed and is left out", e);
            return null;
        }
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
