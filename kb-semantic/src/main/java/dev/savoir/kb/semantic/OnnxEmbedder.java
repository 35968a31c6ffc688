package dev.savoir.kb.semantic;

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.spi.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Any BERT-like model in ONNX format, from the host's files: a multilingual model for knowledge bases in several
 * languages, say. The model id should name the model and its version, since vectors are cached by it.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class OnnxEmbedder {
    private OnnxEmbedder() {
    }

    /** How token vectors become one text vector, as the model was trained. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public enum Pooling {
        /** The first token's vector (BGE, E5 use mean; check the model card). */
        CLS,
        /** The mean of the token vectors. */
        MEAN
    }

    /**
     * A model from its {@code .onnx} file and its {@code tokenizer.json}.
     *
     * @param modelId names the model (the cache key)
     * @param queryPrefix what is put before queries (the model card's retrieval instruction, or "")
     * @throws InvalidArgumentException if a file does not exist or an argument is null or blank
     */
    public static Embedder of(Path model, Path tokenizer, Pooling pooling, String modelId, String queryPrefix) {
        for (var e : new Object[][] {{"model", model}, {"tokenizer", tokenizer}}) {
            if (e[1] == null || !Files.isRegularFile((Path) e[1])) {
                throw new InvalidArgumentException((String) e[0], "must be an existing file, got " + e[1]);
            }
        }
        if (pooling == null) {
            throw new InvalidArgumentException("pooling", "must not be null");
        }
        PoolingMode mode = pooling == Pooling.CLS ? PoolingMode.CLS : PoolingMode.MEAN;
        return LangChain4jEmbedder.of(new OnnxEmbeddingModel(model, tokenizer, mode), modelId, queryPrefix);
    }
}
