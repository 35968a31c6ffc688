package dev.savoir.kb.search;

import java.time.Duration;
import java.util.List;

/**
 * The result of a search.
 *
 * @param hits the page of hits, best first
 * @param totalHits how many articles matched, counting only what the viewer may see
 * @param took how long the search took
 * @since 0.1
 */
public record SearchResponse(List<SearchHit> hits, long totalHits, Duration took) {
    public SearchResponse {
        hits = List.copyOf(hits);
    }
}
