package dev.savoir.kb.markdown;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/** A search engine that only records what it is asked to index; searching is not part of these tests. */
final class RecordingSearchEngine implements dev.savoir.kb.spi.SearchEngine {
    final List<IndexableArticle> indexed = new ArrayList<>();
    private long sequence;

    @Override
    public long appliedSequence() {
        return sequence;
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        indexed.addAll(articles);
        this.sequence = sequence;
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        all.forEachRemaining(indexed::add);
        this.sequence = sequence;
    }

    @Override
    public void refresh() {
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        throw new UnsupportedOperationException("searching is not part of kb-markdown's tests");
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
