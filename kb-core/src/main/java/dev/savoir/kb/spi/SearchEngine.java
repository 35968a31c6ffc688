package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apiguardian.api.API;

/**
 * A search engine behind a knowledge base. The index is derived from the store: the knowledge base sends every
 * change through {@link #apply}, and on open catches the index up from {@link #appliedSequence()}.
 *
 * <p>Implementations are thread-safe: searches run concurrently with each other and with indexing.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SearchEngine extends AutoCloseable {
    /**
     * The store sequence number of the last change durably applied, 0 for a new empty index, or -1 when the index
     * must be rebuilt (missing, corrupt, or written by another schema version).
     */
    long appliedSequence();

    /**
     * Indexes the current state of these articles and records {@code sequence} as applied: once it is durable,
     * {@link #appliedSequence()} returns the highest sequence recorded so far.
     *
     * <p>The knowledge base passes a sequence up to which every change is in the index, which may be lower than
     * the change these articles come from (while an earlier write is still being indexed, or an article whose
     * indexing failed awaits its retry), and may repeat or go back; the engine keeps the highest. If this throws,
     * the engine must not record {@code sequence}: the knowledge base retries the articles and, after a restart,
     * catches up from the sequence recorded before.
     */
    void apply(List<IndexableArticle> articles, long sequence);

    /**
     * Drops everything and indexes all articles, reporting the number indexed so far to {@code progress}.
     */
    void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress);

    /** Makes everything applied so far visible to searches now. */
    void refresh();

    /**
     * Runs a search for a viewer; never returns, counts or quotes anything the viewer may not see. A request whose
     * {@link SearchRequest#mode()} is semantic or hybrid needs an embedding model.
     *
     * @throws SemanticSearchUnavailableException if the request asks for semantic or hybrid ranking and the engine
     *     has no embedding model
     */
    SearchResponse search(SearchRequest request, ViewerContext viewer);

    /**
     * Completions of what a viewer is typing: titles of articles the viewer may see, at most {@code limit}, never
     * text that searchers typed. The knowledge base adds popular queries itself, under its privacy rules (enough
     * distinct viewers, no personal data, a result this viewer may see), so an engine needs no query log.
     */
    List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer);

    /**
     * Articles like the given one, which the viewer must be able to see (otherwise: empty), at most {@code limit},
     * best first, never the article itself.
     */
    List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer);

    /**
     * Articles that answer a support ticket, from its subject and (long, noisy) description, at most
     * {@code limit}, best first, with the ticket's words that matched.
     */
    List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer);

    /**
     * The sections of published articles that best answer a question, at most {@code limit}, best first, never one
     * the viewer may not see: a passage comes from the translation a search would show the viewer, and is found
     * among the viewer's passages only (filtered inside the nearest-neighbour search, so that {@code limit} visible
     * passages come back whenever that many exist). Until the engine has embedded the knowledge base, passages not
     * yet embedded are not found.
     *
     * <p>The default, for engines without an embedding model, throws.
     *
     * @throws SemanticSearchUnavailableException if the engine has no embedding model
     * @since 0.2
     */
    default List<PassageMatch> passages(String question, int limit, ViewerContext viewer) {
        throw new SemanticSearchUnavailableException("this search engine has no embedding model: passages need one "
                + "(configure an Embedder on the engine, e.g. with kb-semantic)");
    }

    /**
     * The mode of a search whose request names none: {@link SearchMode#LEXICAL} unless the engine was configured
     * otherwise.
     *
     * @since 0.2
     */
    default SearchMode defaultMode() {
        return SearchMode.LEXICAL;
    }

    /**
     * How far the background embedding of passages has come; {@link EmbeddingProgress#DISABLED} for an engine
     * without an embedding model (the default).
     *
     * @since 0.2
     */
    default EmbeddingProgress embeddingProgress() {
        return EmbeddingProgress.DISABLED;
    }

    /**
     * Replaces the learned vocabulary the engine applies to searches, in force from the next search on (no restart,
     * no reindex): each {@link dev.savoir.kb.learning.PairKind#SYNONYM synonym} makes a search holding its
     * {@code from} words in its language also match its {@code to} words (as host synonyms do), each
     * {@link dev.savoir.kb.learning.PairKind#CORRECTION correction} makes it search {@code to} instead of
     * {@code from}. Pairs are in normalized form ({@link QueryNormalizer}); the engine compares the normalized words
     * of a query with them. The vocabulary changes which articles a search finds, never what a hit shows.
     *
     * <p>The default, for engines that apply no learned vocabulary, ignores the pairs and returns false.
     *
     * @param approved every approved pair (the whole vocabulary, not a change)
     * @return whether the engine applies them
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    default boolean useVocabulary(List<LearnedPair> approved) {
        return false;
    }

    /** Replaces the ranking signals of an article; kept until replaced (survives restarts of the engine). */
    void updateSignals(ArticleId id, ArticleSignals signals);

    /** Releases files and threads. Idempotent. */
    @Override
    void close();
}
