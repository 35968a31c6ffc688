package dev.savoir.kb.micrometer;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.PassageMatch;
import dev.savoir.kb.spi.SearchEngine;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/** Lucene's engine, whose indexing can be made to fail (a full disk), so that the index falls behind the store. */
final class FlakyEngine implements SearchEngine {
    final AtomicBoolean failing = new AtomicBoolean();
    private final SearchEngine lucene;

    FlakyEngine(SearchEngine lucene) {
        this.lucene = lucene;
    }

    @Override
    public long appliedSequence() {
        return lucene.appliedSequence();
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        if (failing.get() && !articles.isEmpty()) {
            throw new IllegalStateException("no space left on device (a test failure)");
        }
        lucene.apply(articles, sequence);
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        lucene.rebuild(all, sequence, progress);
    }

    @Override
    public void refresh() {
        lucene.refresh();
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        return lucene.search(request, viewer);
    }

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        return lucene.autocomplete(prefix, limit, viewer);
    }

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        return lucene.related(id, limit, viewer);
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        return lucene.assist(subject, description, limit, viewer);
    }

    @Override
    public List<PassageMatch> passages(String question, int limit, ViewerContext viewer) {
        return lucene.passages(question, limit, viewer);
    }

    @Override
    public SearchMode defaultMode() {
        return lucene.defaultMode();
    }

    @Override
    public EmbeddingProgress embeddingProgress() {
        return lucene.embeddingProgress();
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals signals) {
        lucene.updateSignals(id, signals);
    }

    @Override
    public void close() {
        lucene.close();
    }
}
