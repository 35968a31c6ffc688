package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of a search.
 *
 * @param hits the page of hits, best first; one per article
 * @param totalHits how many articles matched, counting only what the viewer may see; exact when
 *     {@code totalHitsExact}, else a lower bound (at least {@value SearchRequest#EXACT_TOTAL_UP_TO})
 * @param totalHitsExact whether {@code totalHits} counted every match: always for totals below
 *     {@value SearchRequest#EXACT_TOTAL_UP_TO}, with facets and with {@link SearchRequest.Builder#exactTotal}
 * @param facets the counts asked for, per facet, largest first
 * @param didYouMean a corrected query when this one found nothing or almost nothing, built from the indexed
 *     vocabulary the viewer may see
 * @param took how long the search took
 * @since 0.1
 */
public record SearchResponse(List<SearchHit> hits, long totalHits, boolean totalHitsExact,
                             Map<SearchRequest.Facet, List<FacetCount>> facets,
                             @Nullable String didYouMean, Duration took) {
    public SearchResponse {
        hits = List.copyOf(Check.noNulls("hits", hits));
        Check.atLeast("totalHits", totalHits, 0);
        facets = Map.copyOf(Check.noNulls("facets", facets));
        facets.values().forEach(counts -> Check.noNulls("facets", counts));
        Check.notNull("took", took);
    }

    /** The counts of one facet, empty if it was not asked for. */
    public List<FacetCount> facet(SearchRequest.Facet facet) {
        return facets.getOrDefault(Check.notNull("facet", facet), List.of());
    }
}
