package dev.savoir.kb.learning;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A search engine for facade tests: records the vocabularies it is given, and answers a query with the article it
 * was told answers it (for customers), nothing otherwise.
 */
final class VocabularyEngine implements SearchEngine {
    final List<List<LearnedPair>> vocabularies = new CopyOnWriteArrayList<>();
    final Map<String, ArticleId> answers = new ConcurrentHashMap<>();
    final List<String> searched = new CopyOnWriteArrayList<>();

    @Override
    public boolean useVocabulary(List<LearnedPair> approved) {
        vocabularies.add(List.copyOf(approved));
        return true;
    }

    List<LearnedPair> current() {
        return vocabularies.isEmpty() ? List.of() : vocabularies.getLast();
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        searched.add(request.query());
        ArticleId id = answers.get(request.query());
        if (id == null || viewer.internal()) {
            return new SearchResponse(List.of(), 0, true, Map.of(), null, Duration.ZERO);
        }
        return new SearchResponse(List.of(new SearchHit(id, Locale.ENGLISH, 1, false, "t", List.of(), "", List.of(),
                CategoryPath.of("Billing"), ArticleType.FAQ, 1f, null)), 1, true, Map.of(), null, Duration.ZERO);
    }

    @Override
    public long appliedSequence() {
        return 0;
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
    }

    @Override
    public void refresh() {
    }

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        return List.of();
    }

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        return List.of();
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        return List.of();
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals signals) {
    }

    @Override
    public void close() {
    }
}
