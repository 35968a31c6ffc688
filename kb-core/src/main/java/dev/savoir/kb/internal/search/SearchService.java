package dev.savoir.kb.internal.search;

import dev.savoir.kb.Action;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's search calls: argument checks, who may search drafts, the call to the search engine (which applies
 * the viewer filter itself), and the search recorded in analytics without slowing or failing the answer.
 */
public final class SearchService {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    private final IndexSync index;
    private final SearchAnalytics analytics;

    public SearchService(IndexSync index, SearchAnalytics analytics) {
        this.index = index;
        this.analytics = analytics;
    }

    public SearchResponse search(@Nullable ViewerContext viewer, @Nullable SearchRequest request,
                                 @Nullable String sessionId) {
        Check.notNull("viewer", viewer);
        Check.notNull("request", request);
        var engine = index.engine();
        if (request.includeDrafts() && !viewer.internal()) {
            throw new PermissionDeniedException("external viewer", Action.READ_DRAFTS,
                    "only internal viewers may search drafts");
        }
        SearchResponse response = engine.search(request, viewer);
        if (request.offset() == 0 && !request.includeDrafts()) {
            try {
                analytics.recordSearch(sessionId, viewer, request.query(), response.totalHits(),
                        response.hits().stream().map(SearchHit::articleId).toList(), response.took());
            } catch (RuntimeException e) {
                LOG.debug("search analytics refused an event: {}", e.getMessage());
            }
        }
        return response;
    }

    public List<Suggestion> autocomplete(@Nullable ViewerContext viewer, @Nullable String prefix, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("prefix", prefix);
        InputLimits.checkLimit(limit, InputLimits.MAX_AUTOCOMPLETE);
        return index.engine().autocomplete(prefix, limit, viewer);
    }

    public List<SearchHit> related(@Nullable ViewerContext viewer, @Nullable ArticleId id, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("id", id);
        InputLimits.checkLimit(limit, SearchRequest.MAX_LIMIT);
        return index.engine().related(id, limit, viewer);
    }

    public List<AssistHit> suggestForTicket(@Nullable ViewerContext viewer, @Nullable String subject,
                                            @Nullable String description, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("subject", subject);
        Check.notNull("description", description);
        InputLimits.checkLimit(limit, SearchRequest.MAX_LIMIT);
        return index.engine().assist(subject, description, limit, viewer);
    }

    public void updateSignals(@Nullable ArticleId id, @Nullable ArticleSignals signals) {
        Check.notNull("id", id);
        Check.notNull("signals", signals);
        index.engine().updateSignals(id, signals);
    }
}
