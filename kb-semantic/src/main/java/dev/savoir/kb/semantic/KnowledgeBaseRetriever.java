package dev.savoir.kb.semantic;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A langchain4j {@link ContentRetriever} over {@link KnowledgeBase#passages}: a host's RAG pipeline gets the best
 * sections of the articles the viewer may see, each with the metadata a cited answer needs ({@code articleId},
 * {@code revision}, {@code locale}, {@code title}, {@code heading}, {@code url}, {@code score}). The viewer comes from
 * the query (its chat memory id, or whatever the host maps it from), so that one retriever serves every customer
 * with each one's visibility. Thread-safe.
 *
 * <pre>{@code
 * ContentRetriever retriever = KnowledgeBaseRetriever.of(kb, query -> ViewerContext.external(Locale.ENGLISH), 5);
 * }</pre>
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class KnowledgeBaseRetriever implements ContentRetriever {
    private final KnowledgeBase kb;
    private final Function<Query, ViewerContext> viewer;
    private final int maxResults;

    private KnowledgeBaseRetriever(KnowledgeBase kb, Function<Query, ViewerContext> viewer, int maxResults) {
        this.kb = kb;
        this.viewer = viewer;
        this.maxResults = maxResults;
    }

    /**
     * A retriever of at most {@code maxResults} passages (1 to {@value SearchRequest#MAX_LIMIT}) for the viewer
     * {@code viewer} gives for each query.
     *
     * @throws InvalidArgumentException if an argument is null or out of range
     */
    public static KnowledgeBaseRetriever of(KnowledgeBase kb, Function<Query, ViewerContext> viewer,
                                            int maxResults) {
        if (kb == null) {
            throw new InvalidArgumentException("kb", "must not be null");
        }
        if (viewer == null) {
            throw new InvalidArgumentException("viewer", "must not be null");
        }
        if (maxResults < 1 || maxResults > SearchRequest.MAX_LIMIT) {
            throw new InvalidArgumentException("maxResults", "must be between 1 and " + SearchRequest.MAX_LIMIT
                    + ", got " + maxResults);
        }
        return new KnowledgeBaseRetriever(kb, viewer, maxResults);
    }

    /**
     * The passages for the query's text.
     *
     * @throws InvalidArgumentException if the viewer function returns null
     * @throws dev.savoir.kb.SemanticSearchUnavailableException if the knowledge base's engine has no embedding model
     */
    @Override
    public List<Content> retrieve(Query query) {
        ViewerContext v = viewer.apply(query);
        if (v == null) {
            throw new InvalidArgumentException("viewer", "the viewer function returned null for a query: return the "
                    + "viewer whose visibility the answer must keep");
        }
        List<Content> out = new ArrayList<>();
        for (Passage p : kb.passages(v, query.text(), maxResults)) {
            Metadata m = new Metadata()
                    .put("articleId", p.articleId().value())
                    .put("revision", p.revision())
                    .put("locale", p.locale().toLanguageTag())
                    .put("title", p.title())
                    .put("heading", p.heading())
                    .put("url", p.url())
                    .put("score", (double) p.score());
            out.add(Content.from(TextSegment.from(p.text().isEmpty() ? p.title() : p.text(), m)));
        }
        return out;
    }
}
