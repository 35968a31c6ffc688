package dev.savoir.kb.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A langchain4j {@link EmbeddingModel} as Savoir's {@link Embedder}: in-process ONNX models, or a remote service the
 * host configured. Queries may get a prefix (the instruction retrieval models such as BGE were trained with), texts
 * are embedded as they are. Thread-safe when the model is.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class LangChain4jEmbedder implements Embedder {
    private final EmbeddingModel model;
    private final String modelId;
    private final int dimension;
    private final String queryPrefix;
    private final int maxBatch;

    private LangChain4jEmbedder(EmbeddingModel model, String modelId, int dimension, String queryPrefix,
                                int maxBatch) {
        this.model = model;
        this.modelId = modelId;
        this.dimension = dimension;
        this.queryPrefix = queryPrefix;
        this.maxBatch = maxBatch;
    }

    /**
     * Wraps a model.
     *
     * @param model the model
     * @param modelId names the model and everything that changes its vectors (the cache key: change it with the
     *     model)
     * @param queryPrefix what is put before a query (empty for none)
     * @throws InvalidArgumentException if an argument is null or the id blank
     */
    public static LangChain4jEmbedder of(EmbeddingModel model, String modelId, String queryPrefix) {
        if (model == null) {
            throw new InvalidArgumentException("model", "must not be null");
        }
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidArgumentException("modelId", "must not be blank");
        }
        if (queryPrefix == null) {
            throw new InvalidArgumentException("queryPrefix", "must not be null (use \"\" for none)");
        }
        return new LangChain4jEmbedder(model, modelId, model.dimension(), queryPrefix, 16);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            // a blank segment is refused by langchain4j: a single space embeds as "nothing said"
            segments.add(TextSegment.from(t == null || t.isBlank() ? " " : t));
        }
        List<Embedding> out;
        try {
            out = model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new KbException("the embedding model " + modelId + " failed: " + e.getMessage(), e);
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(queryPrefix + query)).getFirst();
    }
}
