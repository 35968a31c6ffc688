package dev.savoir.kb.observe;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A search engine small enough to reason about: it counts the published titles that contain the query (in any
 * case), can be told to fail its next applies, and starts as a new index (applied sequence -1) when asked, so that
 * opening a knowledge base rebuilds it.
 */
final class ObservedEngine implements SearchEngine {
    final Map<ArticleId, IndexableArticle> indexed = new ConcurrentHashMap<>();
    final AtomicInteger failApplies = new AtomicInteger();
    private volatile long applied;

    ObservedEngine(boolean newIndex) {
        this.applied = newIndex ? -1 : 0;
    }

    @Override
    public long appliedSequence() {
        return applied;
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        if (!articles.isEmpty() && failApplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the disk is full (a test failure)");
        }
        articles.forEach(a -> indexed.put(a.article().id(), a));
        applied = sequence;
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        long n = 0;
        while (all.hasNext()) {
            IndexableArticle a = all.next();
            indexed.put(a.article().id(), a);
            progress.accept(++n);
        }
        applied = sequence;
    }

    @Override
    public void refresh() {
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        String q = request.query().toLowerCase(Locale.ROOT);
        long found = indexed.values().stream().filter(a -> a.published().values().stream()
                .anyMatch(r -> r.content().title().toLowerCase(Locale.ROOT).contains(q))).count();
        return new SearchResponse(List.of(), found, true, Map.of(), null, Duration.ZERO);
    }

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        return List.of(new Suggestion("Reset your password", null));
    }

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        return List.of();
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        throw new IllegalStateException("assist is down (a test failure)");
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals signals) {
    }

    @Override
    public void close() {
    }
}
