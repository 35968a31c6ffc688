package dev.savoir.kb.internal.search;

import dev.savoir.kb.Action;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Observing;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchKind;
import dev.savoir.kb.spi.PassageMatch;
import dev.savoir.kb.spi.QueryNormalizer;
import dev.savoir.kb.spi.SearchEngine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's search calls: argument checks, who may search drafts, the call to the search engine (which applies
 * the viewer filter itself), the search recorded in analytics and among the {@link PopularQueries} without slowing
 * or failing the answer, and autocomplete: the engine's titles, then popular queries that still lead to a result
 * the viewer may see.
 */
public final class SearchService {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
    /**
     * The most popular queries checked per autocomplete call, each with a one-hit search for the viewer: what a
     * call may cost on top of the engine's title completion.
     */
    static final int MAX_POPULAR_CHECKS = 8;

    private final IndexSync index;
    private final SearchAnalytics analytics;
    private final PopularQueries popular;
    private final LinkResolver links;
    private final Observing observing;

    public SearchService(IndexSync index, SearchAnalytics analytics, PopularQueries popular, LinkResolver links,
                         Observing observing) {
        this.index = index;
        this.analytics = analytics;
        this.popular = popular;
        this.links = links;
        this.observing = observing;
    }

    // Each reader call below is timed for the observer in a try/finally written out (no lambda), so that without an
    // observer nothing is allocated; the observer learns the kind of search and viewer, never the text.

    public SearchResponse search(@Nullable ViewerContext viewer, @Nullable SearchRequest request,
                                 @Nullable String sessionId) {
        Check.notNull("viewer", viewer);
        Check.notNull("request", request);
        Object started = observing.searchStarted(SearchKind.SEARCH, viewer);
        long start = observing.now();
        long hits = 0;
        Throwable failure = null;
        try {
            SearchResponse response = searchUnobserved(viewer, request, sessionId);
            hits = response.totalHits();
            return response;
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            observing.searchFinished(started, start, SearchKind.SEARCH, viewer, hits, failure);
        }
    }

    private SearchResponse searchUnobserved(ViewerContext viewer, SearchRequest request, @Nullable String sessionId) {
        var engine = index.engine();
        if (request.includeDrafts() && !viewer.internal()) {
            throw new PermissionDeniedException("external viewer", Action.READ_DRAFTS,
                    "only internal viewers may search drafts");
        }
        SearchResponse response = asked(request, engine.search(request, viewer));
        // Only what anonymous-audience customers searched, under a session, and found something for, may become a
        // popular query; the session is what tells viewers apart.
        if (!request.recordAnalytics()) {
            return response;
        }
        if (sessionId != null && !viewer.internal() && viewer.segments().isEmpty() && request.offset() == 0
                && response.totalHits() > 0) {
            popular.record(request.query(), sessionId);
        }
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

    /**
     * The response as the request's presentation options ask, whatever the engine did with them: no snippet or
     * highlight when snippets are off, at most the asked number of values per facet (engines skip that work
     * themselves; this keeps every engine's answers the same).
     */
    static SearchResponse asked(SearchRequest request, SearchResponse r) {
        boolean strip = !request.snippets() && r.hits().stream().anyMatch(h -> !h.snippet().isEmpty()
                || !h.highlights().isEmpty() || !h.titleHighlights().isEmpty());
        boolean trim = r.facets().values().stream().anyMatch(v -> v.size() > request.facetValues());
        if (!strip && !trim) {
            return r;
        }
        List<SearchHit> hits = !strip ? r.hits() : r.hits().stream().map(h -> new SearchHit(h.articleId(),
                h.locale(), h.revision(), h.draft(), h.title(), List.of(), "", List.of(), h.category(), h.type(),
                h.score(), h.explanation())).toList();
        Map<SearchRequest.Facet, List<FacetCount>> facets = new EnumMap<>(SearchRequest.Facet.class);
        r.facets().forEach((f, v) -> facets.put(f, v.size() > request.facetValues()
                ? v.subList(0, request.facetValues()) : v));
        return new SearchResponse(hits, r.totalHits(), r.totalHitsExact(), facets, r.didYouMean(), r.took());
    }

    public List<Suggestion> autocomplete(@Nullable ViewerContext viewer, @Nullable String prefix, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("prefix", prefix);
        InputLimits.checkLimit(limit, InputLimits.MAX_AUTOCOMPLETE);
        Object started = observing.searchStarted(SearchKind.AUTOCOMPLETE, viewer);
        long start = observing.now();
        long hits = 0;
        Throwable failure = null;
        try {
            List<Suggestion> found = autocompleteUnobserved(viewer, prefix, limit);
            hits = found.size();
            return found;
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            observing.searchFinished(started, start, SearchKind.AUTOCOMPLETE, viewer, hits, failure);
        }
    }

    private List<Suggestion> autocompleteUnobserved(ViewerContext viewer, String prefix, int limit) {
        SearchEngine engine = index.engine();
        List<Suggestion> titles = engine.autocomplete(prefix, limit, viewer);
        if (titles.size() >= limit) {
            return titles;
        }
        List<Suggestion> out = new ArrayList<>(titles);
        Set<String> seen = new HashSet<>();
        titles.forEach(t -> seen.add(QueryNormalizer.normalize(t.text())));
        for (String text : popular.complete(prefix, MAX_POPULAR_CHECKS)) {
            if (out.size() >= limit) {
                break;
            }
            if (seen.add(QueryNormalizer.normalize(text)) && leadsToVisibleResult(engine, text, viewer)) {
                out.add(new Suggestion(text, null));
            }
        }
        return List.copyOf(out);
    }

    /** Whether searching {@code text} now finds at least one article {@code viewer} may see. */
    private static boolean leadsToVisibleResult(SearchEngine engine, String text, ViewerContext viewer) {
        try {
            return engine.search(SearchRequest.builder(text).limit(1).build(), viewer).totalHits() > 0;
        } catch (RuntimeException e) {
            LOG.debug("not suggesting a popular query whose search failed: {}", e.getMessage());
            return false;
        }
    }

    /** Forgets every search {@code viewerKey} counted for popular queries. */
    public void eraseViewer(String viewerKey) {
        popular.eraseViewer(viewerKey);
    }

    public List<SearchHit> related(@Nullable ViewerContext viewer, @Nullable ArticleId id, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("id", id);
        InputLimits.checkLimit(limit, SearchRequest.MAX_LIMIT);
        Object started = observing.searchStarted(SearchKind.RELATED, viewer);
        long start = observing.now();
        long hits = 0;
        Throwable failure = null;
        try {
            List<SearchHit> found = index.engine().related(id, limit, viewer);
            hits = found.size();
            return found;
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            observing.searchFinished(started, start, SearchKind.RELATED, viewer, hits, failure);
        }
    }

    public List<AssistHit> suggestForTicket(@Nullable ViewerContext viewer, @Nullable String subject,
                                            @Nullable String description, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("subject", subject);
        Check.notNull("description", description);
        InputLimits.checkLimit(limit, SearchRequest.MAX_LIMIT);
        Object started = observing.searchStarted(SearchKind.ASSIST, viewer);
        long start = observing.now();
        long hits = 0;
        Throwable failure = null;
        try {
            List<AssistHit> found = index.engine().assist(subject, description, limit, viewer);
            hits = found.size();
            return found;
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            observing.searchFinished(started, start, SearchKind.ASSIST, viewer, hits, failure);
        }
    }

    /**
     * The engine's best passages for a question, with the host's URL of each (the article's URL through the link
     * resolver, with the heading's anchor).
     */
    public List<Passage> passages(@Nullable ViewerContext viewer, @Nullable String question, int limit) {
        Check.notNull("viewer", viewer);
        Check.notNull("question", question);
        InputLimits.checkLimit(limit, SearchRequest.MAX_LIMIT);
        String q = question.length() > SearchRequest.MAX_QUERY_LENGTH
                ? question.substring(0, SearchRequest.MAX_QUERY_LENGTH) : question;
        Object started = observing.searchStarted(SearchKind.PASSAGES, viewer);
        long start = observing.now();
        long hits = 0;
        Throwable failure = null;
        List<PassageMatch> found;
        try {
            found = index.engine().passages(q, limit, viewer);
            hits = found.size();
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            observing.searchFinished(started, start, SearchKind.PASSAGES, viewer, hits, failure);
        }
        List<Passage> out = new ArrayList<>(found.size());
        for (PassageMatch m : found) {
            String url = links.urlFor(m.articleId(), m.locale());
            if (!m.anchor().isEmpty()) {
                url = url + "#" + m.anchor();
            }
            out.add(new Passage(m.articleId(), m.locale(), m.revision(), m.title(), m.heading(), m.anchor(), url,
                    m.text(), m.score()));
        }
        return List.copyOf(out);
    }

    public EmbeddingProgress embeddingProgress() {
        return index.engine().embeddingProgress();
    }

    public void updateSignals(@Nullable ArticleId id, @Nullable ArticleSignals signals) {
        Check.notNull("id", id);
        Check.notNull("signals", signals);
        index.engine().updateSignals(id, signals);
    }
}
