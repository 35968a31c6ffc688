package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Article;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * An oracle of exact search counts, written from the README's visibility rules and nothing of an engine: for one
 * viewer, the articles it may find are those that
 *
 * <ul>
 *   <li>it may see: internal viewers see every article; external viewers see public ones, and segment-restricted ones
 *       when they belong to one of the segments;</li>
 *   <li>are not hidden as stale: with {@code StalePolicy.HIDE_FROM_EXTERNAL}, an external viewer does not see an
 *       article whose review date has passed;</li>
 *   <li>have a live (published) translation on the viewer's locale chain: the viewer's locale, then its parents
 *       ({@code fr-CA → fr}), then any translation of the same language ({@code fr-*}), then the default locale and
 *       its language. That one translation, and only it, is matched against the query.</li>
 * </ul>
 *
 * <p>The test says which published translations match its query (it wrote them); the oracle then gives the exact
 * set of hits, each with its locale, the exact total and every facet count (categories with their ancestors, tags,
 * type, locale of the matched translation), and {@link #assertMatches} compares a response with them.
 */
public final class VisibilityOracle {
    private final Collection<Article> articles;
    private final Locale defaultLocale;
    private final boolean hideStale;
    private final Instant now;

    /**
     * @param articles every article of the knowledge base, as the store holds them now
     * @param defaultLocale the knowledge base's default locale
     * @param hideStale whether the knowledge base hides overdue articles from external viewers
     * @param now the knowledge base's clock now, for stale hiding
     */
    public VisibilityOracle(Collection<Article> articles, Locale defaultLocale, boolean hideStale, Instant now) {
        this.articles = List.copyOf(articles);
        this.defaultLocale = defaultLocale;
        this.hideStale = hideStale;
        this.now = now;
    }

    /** The expected answer to one query for one viewer: hit ids with their locale, and every facet count. */
    public record Expected(Map<String, Locale> hits, Map<Facet, Map<String, Long>> facets) {
        public long total() {
            return hits.size();
        }
    }

    /** Whether the viewer may see the article at all (audience, segments, stale hiding), locale aside. */
    public boolean visible(Article a, ViewerContext viewer) {
        if (viewer.internal()) {
            return true;
        }
        if (hideStale && a.reviewDueAt() != null && !now.isBefore(a.reviewDueAt())) {
            return false;
        }
        return switch (a.visibility().audience()) {
            case PUBLIC -> true;
            case INTERNAL -> false;
            case SEGMENTS -> a.visibility().segments().stream().anyMatch(viewer.segments()::contains);
        };
    }

    /** The one translation the viewer finds the article in, if any: the nearest live one of its locale chain. */
    public Optional<Locale> effectiveLocale(Article a, ViewerContext viewer) {
        List<Locale> live = new ArrayList<>();
        for (Translation t : a.translations().values()) {
            if (t.publishedRevision() != null) {
                live.add(t.locale());
            }
        }
        for (Locale wanted : List.of(viewer.locale(), defaultLocale)) {
            // The locale, then its parents (fr-CA, fr), then any translation of its language (the lowest tag).
            String tag = wanted.toLanguageTag();
            while (true) {
                Locale l = Locale.forLanguageTag(tag);
                if (live.contains(l)) {
                    return Optional.of(l);
                }
                int dash = tag.lastIndexOf('-');
                if (dash <= 0) {
                    break;
                }
                tag = tag.substring(0, dash);
            }
            Optional<Locale> sameLanguage = live.stream().filter(l -> l.getLanguage().equals(wanted.getLanguage()))
                    .min(java.util.Comparator.comparing(Locale::toLanguageTag));
            if (sameLanguage.isPresent()) {
                return sameLanguage;
            }
        }
        return Optional.empty();
    }

    /**
     * The exact answer for a viewer to a query that the test can decide: {@code matches} says whether the
     * published revision of an article's translation in a locale matches the query (text and request filters).
     */
    public Expected expected(ViewerContext viewer, BiPredicate<Article, Locale> matches) {
        Map<String, Locale> hits = new TreeMap<>();
        Map<Facet, Map<String, Long>> facets = new EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            facets.put(f, new TreeMap<>());
        }
        for (Article a : articles) {
            if (!visible(a, viewer)) {
                continue;
            }
            Optional<Locale> l = effectiveLocale(a, viewer);
            if (l.isEmpty() || !matches.test(a, l.get())) {
                continue;
            }
            hits.put(a.id().value(), l.get());
            for (CategoryPath c : a.category().selfAndAncestors()) {
                facets.get(Facet.CATEGORY).merge(c.toString(), 1L, Long::sum);
            }
            for (String tag : a.tags()) {
                facets.get(Facet.TAG).merge(tag, 1L, Long::sum);
            }
            facets.get(Facet.TYPE).merge(a.type().name(), 1L, Long::sum);
            facets.get(Facet.LOCALE).merge(l.get().toLanguageTag(), 1L, Long::sum);
        }
        return new Expected(hits, facets);
    }

    /**
     * Asserts that a response asked with every facet and a page large enough for all hits gives exactly the
     * expected hits (each in its expected locale, once), total and facet counts.
     */
    public static void assertMatches(SearchResponse r, Expected e, String context) {
        assertThat(r.totalHitsExact()).as("%s: total is exact", context).isTrue();
        assertThat(r.totalHits()).as("%s: total hits (expected %s)", context, e.hits()).isEqualTo(e.total());
        Map<String, Locale> got = new LinkedHashMap<>();
        for (SearchHit h : r.hits()) {
            assertThat(got.put(h.articleId().value(), h.locale())).as("%s: one hit per article", context).isNull();
        }
        assertThat(new TreeMap<>(got)).as("%s: hits and their locales", context).isEqualTo(e.hits());
        for (Facet f : Facet.values()) {
            Map<String, Long> counts = new TreeMap<>();
            for (FacetCount c : r.facet(f)) {
                counts.merge(c.value(), c.count(), Long::sum);
            }
            assertThat(counts).as("%s: every %s facet count", context, f).isEqualTo(e.facets().get(f));
        }
    }

    /** Asserts the total of a response asked without facets: exact when it says so (always, on small totals). */
    public static void assertTotal(SearchResponse r, Expected e, String context) {
        assertThat(r.totalHitsExact()).as("%s: a total below %d is exact", context, SearchRequest.EXACT_TOTAL_UP_TO)
                .isEqualTo(e.total() < SearchRequest.EXACT_TOTAL_UP_TO || r.totalHitsExact());
        if (r.totalHitsExact()) {
            assertThat(r.totalHits()).as("%s: total hits without facets (expected %s)", context, e.hits())
                    .isEqualTo(e.total());
        }
    }
}
