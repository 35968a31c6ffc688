package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.learning.KpiJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The key performance indicators of a knowledge base over a period, for knowledge managers: what self-service
 * achieved, where searches failed, how fast the gaps closed, what is overdue for review, and what the inbox and the
 * learning paths contribute. As data ({@link #toJson()}) and for a dashboard.
 *
 * @param from the period's start (inclusive)
 * @param to the period's end (exclusive)
 * @param generatedAt when it was computed
 * @param deflection sessions that searched, clicked a result and opened no ticket (analytics' estimate)
 * @param searches what searches found and whether a result was clicked, in total and per UTC day
 * @param gaps the knowledge gaps opened in the period, and how many are closed now
 * @param overdueReviews articles past their review date now, per owner, the most overdue first
 * @param inboxBacklog the feedback inbox's backlog, when a feature contributes it ({@link KpiSections}); else null
 * @param learningPaths learning-path completion, when a feature contributes it ({@link KpiSections}); else null
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record KpiReport(Instant from, Instant to, Instant generatedAt, DeflectionEstimate deflection,
                        SearchActivity searches, KnowledgeGaps gaps, List<OwnerReviews> overdueReviews,
                        @Nullable InboxBacklog inboxBacklog, @Nullable PathCompletion learningPaths) {
    /** The longest period of one report. */
    public static final int MAX_DAYS = 366;

    public KpiReport {
        Check.period(from, to);
        Check.notNull("generatedAt", generatedAt);
        Check.notNull("deflection", deflection);
        Check.notNull("searches", searches);
        Check.notNull("gaps", gaps);
        overdueReviews = List.copyOf(Check.noNulls("overdueReviews", overdueReviews));
    }

    /**
     * The report as JSON (an object with {@code from}, {@code to}, {@code generatedAt}, {@code deflection},
     * {@code searches}, {@code gaps}, {@code overdueReviews}, {@code inboxBacklog} and {@code learningPaths}; instants
     * as ISO-8601, durations in seconds, absent sections as null). The shape is tested; fields may be added.
     */
    public String toJson() {
        return KpiJson.write(this);
    }

    /**
     * Searches of the period.
     *
     * @param searches searches made
     * @param zeroResultSearches of those, searches that found nothing
     * @param searchesWithoutClick searches no result click followed: per query and day, its searches minus its
     *     clicks, never below zero (an estimate: a search with two clicks covers one without)
     * @param days the same counts per UTC day, oldest first, every day of the period included
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record SearchActivity(long searches, long zeroResultSearches, long searchesWithoutClick, List<Day> days) {
        public SearchActivity {
            Check.atLeast("searches", searches, 0);
            Check.atLeast("zeroResultSearches", zeroResultSearches, 0);
            Check.atLeast("searchesWithoutClick", searchesWithoutClick, 0);
            days = List.copyOf(Check.noNulls("days", days));
        }

        /** {@code searchesWithoutClick / searches}, 0 without searches. */
        public double withoutClickRate() {
            return searches == 0 ? 0 : (double) searchesWithoutClick / searches;
        }

        /**
         * One UTC day.
         *
         * @param day the day
         * @param searches searches made
         * @param zeroResultSearches searches that found nothing
         * @param searchesWithoutClick searches without a click
         * @since 0.3
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.3")
        public record Day(LocalDate day, long searches, long zeroResultSearches, long searchesWithoutClick) {
            public Day {
                Check.notNull("day", day);
                Check.atLeast("searches", searches, 0);
                Check.atLeast("zeroResultSearches", zeroResultSearches, 0);
                Check.atLeast("searchesWithoutClick", searchesWithoutClick, 0);
            }
        }
    }

    /**
     * Knowledge gaps: a query (normalized, in a language) that found nothing opens a gap at its first zero-result
     * search of the period; the gap is closed when searching the query now finds a published article a customer may
     * read (an external viewer of the query's language). A gap closes at the publication of the article that now
     * answers it, or, when that article was published before the gap opened (it closed through search: a learned
     * synonym, a better title), at the last search that still found nothing.
     *
     * @param opened gaps opened in the period
     * @param closed of those, gaps closed now
     * @param medianTimeToClose the median time from opening to closing of the closed ones, null when none is closed
     * @param gaps the gaps, most searched first, at most 50 (queries holding anything that looks like personal data
     *     are counted but not listed)
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record KnowledgeGaps(int opened, int closed, @Nullable Duration medianTimeToClose, List<Gap> gaps) {
        /** The most gaps listed. */
        public static final int MAX_LISTED = 50;

        public KnowledgeGaps {
            Check.atLeast("opened", opened, 0);
            Check.atLeast("closed", closed, 0);
            if (closed > opened) {
                throw new InvalidArgumentException("closed", "cannot exceed opened (" + opened + "), got " + closed);
            }
            gaps = List.copyOf(Check.noNulls("gaps", gaps));
        }

        /**
         * One gap.
         *
         * @param query the normalized query
         * @param language its language
         * @param openedAt when it opened: the last search of the query on the day of its first zero-result search in
         *     the period (the day's counts know no earlier instant)
         * @param closedAt when it closed, null while open
         * @param answeredBy the published article that answers it now, null while open
         * @param zeroResultSearches how many of its searches found nothing in the period
         * @since 0.3
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.3")
        public record Gap(String query, Locale language, Instant openedAt, @Nullable Instant closedAt,
                          @Nullable ArticleId answeredBy, long zeroResultSearches) {
            public Gap {
                Check.notNull("query", query);
                Check.notNull("language", language);
                Check.notNull("openedAt", openedAt);
                Check.atLeast("zeroResultSearches", zeroResultSearches, 0);
            }

            /** From opening to closing, null while open. */
            public @Nullable Duration timeToClose() {
                return closedAt == null ? null : Duration.between(openedAt, closedAt);
            }
        }
    }

    /**
     * One owner's articles past their review date.
     *
     * @param owner the articles' owner ({@code Article.owner()})
     * @param overdue how many
     * @param oldestDueAt the earliest review date among them
     * @param articles their ids, the most overdue first
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record OwnerReviews(String owner, int overdue, Instant oldestDueAt, List<ArticleId> articles) {
        public OwnerReviews {
            Check.notNull("owner", owner);
            Check.atLeast("overdue", overdue, 1);
            Check.notNull("oldestDueAt", oldestDueAt);
            articles = List.copyOf(Check.noNulls("articles", articles));
        }
    }

    /**
     * The feedback inbox's backlog (contributed through {@link KpiSections#inboxBacklog}).
     *
     * @param open items open at the end of the period
     * @param overdue of those, items past their due date
     * @param oldestOpenAge the age of the oldest open item, null when none is open
     * @param openPerOwner open items per owner
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record InboxBacklog(long open, long overdue, @Nullable Duration oldestOpenAge,
                               Map<String, Long> openPerOwner) {
        public InboxBacklog {
            Check.atLeast("open", open, 0);
            Check.atLeast("overdue", overdue, 0);
            openPerOwner = Map.copyOf(Check.noNulls("openPerOwner", openPerOwner));
        }
    }

    /**
     * Learning-path completion (contributed through {@link KpiSections#learningPaths}).
     *
     * @param paths one entry per path
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record PathCompletion(List<Path> paths) {
        public PathCompletion {
            paths = List.copyOf(Check.noNulls("paths", paths));
        }

        /**
         * One learning path.
         *
         * @param id the path's id
         * @param title its title
         * @param assigned people it is assigned to
         * @param completed of those, people up to date on every article of it
         * @since 0.3
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.3")
        public record Path(String id, String title, long assigned, long completed) {
            public Path {
                Check.notNull("id", id);
                Check.notNull("title", title);
                Check.atLeast("assigned", assigned, 0);
                if (completed < 0 || completed > assigned) {
                    throw new InvalidArgumentException("completed", "must be between 0 and assigned (" + assigned
                            + "), got " + completed);
                }
            }

            /** {@code completed / assigned}, 0 when assigned to nobody. */
            public double rate() {
                return assigned == 0 ? 0 : (double) completed / assigned;
            }
        }
    }
}
