package dev.savoir.kb.search;

import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search as typed by a user: plain words, {@code "quoted phrases"} and {@code -excluded} words, never a query
 * language. Everything else ({@code * ? ~ : ( ) [ ] AND OR}) is treated as ordinary text. Build one with
 * {@link #of(String)} or {@link #builder(String)}.
 *
 * <p>Filters narrow the results; they never widen what the viewer may see. Several categories, types or tags are
 * alternatives (any of them); different filters must all hold.
 *
 * @param query the user's text (at most {@value #MAX_QUERY_LENGTH} characters are read, the rest is ignored)
 * @param offset how many hits to skip (at most {@value #MAX_OFFSET})
 * @param limit how many hits to return (1 to {@value #MAX_LIMIT})
 * @param includeDrafts search working drafts too (editors only: the viewer must be internal)
 * @param categories only articles in one of these category subtrees (empty: any)
 * @param tags only articles carrying at least one of these tags (empty: any)
 * @param types only articles of one of these types (empty: any)
 * @param attributes only articles whose attributes have all these values
 * @param publishedAfter only translations published at or after this instant, or {@code null}
 * @param publishedBefore only translations published before this instant, or {@code null}
 * @param facets the facets to count over all matching articles
 * @param explain whether each hit carries an {@link Explanation}
 * @param exactTotal whether {@link SearchResponse#totalHits()} must count every match; without it (and without
 *     facets, which count every match anyway) counting stops at {@value #EXACT_TOTAL_UP_TO} matches so that ranking
 *     can skip documents that cannot reach the page
 * @param mode lexical, semantic or hybrid ranking, or {@code null} for the engine's default (lexical unless the
 *     engine was configured otherwise); semantic and hybrid need an engine with an embedding model
 * @param snippets whether hits carry a snippet and highlights; without them ({@code false}) each hit's snippet is
 *     empty and has no highlight, the title has none either, and the engine skips that work (and reading the body)
 * @param facetValues the most values returned per facet, the most frequent first (1 to {@value #MAX_FACET_VALUES})
 * @param recordAnalytics whether the search is recorded in the search analytics (and may become a popular query);
 *     {@code false} for machine traffic (evaluation tools, health checks, prefetching) that is no user's search
 * @since 0.1
 */
public record SearchRequest(String query, int offset, int limit, boolean includeDrafts, List<CategoryPath> categories,
                            Set<String> tags, Set<ArticleType> types, Map<String, String> attributes,
                            @Nullable Instant publishedAfter, @Nullable Instant publishedBefore, Set<Facet> facets,
                            boolean explain, boolean exactTotal, @Nullable SearchMode mode, boolean snippets,
                            int facetValues, boolean recordAnalytics) {
    public static final int MAX_QUERY_LENGTH = 1_000;
    /** Totals are exact up to this many matches; beyond it they are a lower bound unless exactly counted. */
    public static final int EXACT_TOTAL_UP_TO = 1_000;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_LIMIT = 100;
    /** The most completions one autocomplete call may ask for. */
    public static final int MAX_AUTOCOMPLETE = 50;
    /** The most values accepted in one filter (categories, tags, types, attributes). */
    public static final int MAX_FILTER_VALUES = 100;
    /** The most values one facet returns (and the default). */
    public static final int MAX_FACET_VALUES = 100;

    public SearchRequest {
        Check.notNull("query", query);
        List<Violation> problems = new ArrayList<>();
        if (offset < 0 || offset > MAX_OFFSET) {
            problems.add(new Violation("offset", "offset must be between 0 and " + MAX_OFFSET + ", got " + offset
                    + "; for deeper paging narrow the query or use filters"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new Violation("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit
                    + "; page with offset for more"));
        }
        if (facetValues < 1 || facetValues > MAX_FACET_VALUES) {
            problems.add(new Violation("facetValues", "facetValues must be between 1 and " + MAX_FACET_VALUES
                    + ", got " + facetValues));
        }
        categories = List.copyOf(Check.noNulls("categories", categories));
        tags = Set.copyOf(Check.noNulls("tags", tags));
        types = Set.copyOf(Check.noNulls("types", types));
        attributes = Map.copyOf(Check.noNulls("attributes", attributes));
        facets = Set.copyOf(Check.noNulls("facets", facets));
        if (categories.size() > MAX_FILTER_VALUES || tags.size() > MAX_FILTER_VALUES
                || types.size() > MAX_FILTER_VALUES || attributes.size() > MAX_FILTER_VALUES) {
            problems.add(new Violation("filters", "a filter may list at most " + MAX_FILTER_VALUES + " values"));
        }
        if (publishedAfter != null && publishedBefore != null && publishedBefore.isBefore(publishedAfter)) {
            problems.add(new Violation("publishedBefore", "publishedBefore is earlier than publishedAfter"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** A request in the engine's default mode. */
    public SearchRequest(String query, int offset, int limit, boolean includeDrafts, List<CategoryPath> categories,
                         Set<String> tags, Set<ArticleType> types, Map<String, String> attributes,
                         @Nullable Instant publishedAfter, @Nullable Instant publishedBefore, Set<Facet> facets,
                         boolean explain, boolean exactTotal) {
        this(query, offset, limit, includeDrafts, categories, tags, types, attributes, publishedAfter, publishedBefore,
                facets, explain, exactTotal, null);
    }

    /** A request with snippets, every facet value (up to the maximum) and analytics recording. */
    public SearchRequest(String query, int offset, int limit, boolean includeDrafts, List<CategoryPath> categories,
                         Set<String> tags, Set<ArticleType> types, Map<String, String> attributes,
                         @Nullable Instant publishedAfter, @Nullable Instant publishedBefore, Set<Facet> facets,
                         boolean explain, boolean exactTotal, @Nullable SearchMode mode) {
        this(query, offset, limit, includeDrafts, categories, tags, types, attributes, publishedAfter, publishedBefore,
                facets, explain, exactTotal, mode, true, MAX_FACET_VALUES, true);
    }

    /** This request with another mode ({@code null}: the engine's default). */
    public SearchRequest withMode(@Nullable SearchMode newMode) {
        return new SearchRequest(query, offset, limit, includeDrafts, categories, tags, types, attributes,
                publishedAfter, publishedBefore, facets, explain, exactTotal, newMode, snippets, facetValues,
                recordAnalytics);
    }

    /** The first ten hits for the text, no filter, no facet. */
    public static SearchRequest of(String query) {
        return builder(query).build();
    }

    /** A builder starting from {@link #of(String)}. */
    public static Builder builder(String query) {
        return new Builder(query);
    }

    /** The facets a search can count. */
    public enum Facet {
        /** The category tree: every ancestor of an article's category is counted too. */
        CATEGORY,
        /** The article's tags. */
        TAG,
        /** The article type. */
        TYPE,
        /** The locale of the translation that matched. */
        LOCALE
    }

    /** A builder of {@link SearchRequest}; not thread-safe. */
    public static final class Builder {
        private final String query;
        private int offset;
        private int limit = 10;
        private boolean includeDrafts;
        private final List<CategoryPath> categories = new ArrayList<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<ArticleType> types = new LinkedHashSet<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private @Nullable Instant publishedAfter;
        private @Nullable Instant publishedBefore;
        private final Set<Facet> facets = new LinkedHashSet<>();
        private boolean explain;
        private boolean exactTotal;
        private @Nullable SearchMode mode;
        private boolean snippets = true;
        private int facetValues = MAX_FACET_VALUES;
        private boolean recordAnalytics = true;

        private Builder(String query) {
            this.query = Check.notNull("query", query);
        }

        /** How many hits to skip, 0 to {@value SearchRequest#MAX_OFFSET} (default 0). */
        public Builder offset(int offset) {
            this.offset = Check.range("offset", offset, 0, MAX_OFFSET);
            return this;
        }

        /** How many hits to return, 1 to {@value SearchRequest#MAX_LIMIT} (default 10). */
        public Builder limit(int limit) {
            this.limit = Check.range("limit", limit, 1, MAX_LIMIT);
            return this;
        }

        public Builder includeDrafts(boolean includeDrafts) {
            this.includeDrafts = includeDrafts;
            return this;
        }

        /** Only articles in this category or below it; several calls accept any of them. */
        public Builder category(CategoryPath path) {
            categories.add(Check.notNull("category", path));
            return this;
        }

        /** Only articles in this category ({@code "Billing > Invoices"}) or below it. */
        public Builder category(String path) {
            return category(CategoryPath.parse(path));
        }

        /** Only articles with at least one of the tags given over all calls. */
        public Builder tags(String... tags) {
            this.tags.addAll(List.of(Check.noNulls("tags", tags)));
            return this;
        }

        /** Only articles of one of the types given over all calls. */
        public Builder types(ArticleType... types) {
            this.types.addAll(List.of(Check.noNulls("types", types)));
            return this;
        }

        /** Only articles whose attribute {@code key} is {@code value}. */
        public Builder attribute(String key, String value) {
            attributes.put(Check.notNull("key", key), Check.notNull("value", value));
            return this;
        }

        /** Only translations published at or after {@code from} and before {@code until} (either may be null). */
        public Builder publishedBetween(@Nullable Instant from, @Nullable Instant until) {
            Check.openPeriod("from", from, "until", until);
            this.publishedAfter = from;
            this.publishedBefore = until;
            return this;
        }

        /** Counts these facets over every matching article the viewer may see. */
        public Builder facets(Facet... facets) {
            this.facets.addAll(List.of(Check.noNulls("facets", facets)));
            return this;
        }

        /** Attaches an {@link Explanation} to every hit. */
        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        /**
         * Counts every match for {@link SearchResponse#totalHits()}, even beyond {@value #EXACT_TOTAL_UP_TO}
         * (slower on broad queries: every match is visited).
         */
        public Builder exactTotal(boolean exactTotal) {
            this.exactTotal = exactTotal;
            return this;
        }

        /**
         * Lexical, semantic or hybrid ranking (default: the engine's, lexical unless configured otherwise); semantic
         * and hybrid need an engine with an embedding model.
         *
         * @since 0.2
         */
        public Builder mode(SearchMode mode) {
            this.mode = Check.notNull("mode", mode);
            return this;
        }

        /**
         * Whether hits carry a snippet and highlights (default true); without them a search costs less (no body is
         * read), for lists that show titles only and for evaluation tools.
         *
         * @since 0.2
         */
        public Builder snippets(boolean snippets) {
            this.snippets = snippets;
            return this;
        }

        /**
         * The most values returned per facet, the most frequent first: 1 to {@value SearchRequest#MAX_FACET_VALUES}
         * (default {@value SearchRequest#MAX_FACET_VALUES}).
         *
         * @since 0.2
         */
        public Builder facetValues(int facetValues) {
            this.facetValues = Check.range("facetValues", facetValues, 1, MAX_FACET_VALUES);
            return this;
        }

        /**
         * Whether the search is recorded in the search analytics (default true); false for machine traffic that is
         * no user's search: evaluation tools, health checks, prefetching.
         *
         * @since 0.2
         */
        public Builder recordAnalytics(boolean recordAnalytics) {
            this.recordAnalytics = recordAnalytics;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(query, offset, limit, includeDrafts, categories, tags, types, attributes,
                    publishedAfter, publishedBefore, facets, explain, exactTotal, mode, snippets, facetValues,
                    recordAnalytics);
        }
    }
}
