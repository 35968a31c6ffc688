package dev.savoir.kb.semantic;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.savoir.kb.spi.Embedder;
import org.apiguardian.api.API;

/**
 * Embedding models packaged in this module's jars (through langchain4j's ONNX models): they run on the CPU in the
 * host's JVM, with no download at run time. English models: keep other languages lexical with the engine's
 * {@code semanticLanguages("en")}, or plug a multilingual ONNX model with {@link OnnxEmbedder}.
 *
 * <p>ONNX Runtime extracts its native library to the JVM's temporary folder, and the tokenizer's native library goes
 * to DJL's cache folder ({@code ~/.djl.ai} unless the {@code DJL_CACHE_DIR} system property or environment variable
 * names another); a host that wants them elsewhere sets those before the first model loads.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class InJarModels {
    private InJarModels() {
    }

    /**
     * sentence-transformers' all-MiniLM-L6-v2, quantized (384 dimensions, about 23 MB): the default, fast on two
     * cores. (BGE and E5 packagings do not resolve for langchain4j 1.19 here; plug them as ONNX files.)
     */
    public static Embedder allMiniLmL6V2() {
        return LangChain4jEmbedder.of(new AllMiniLmL6V2QuantizedEmbeddingModel(), "all-minilm-l6-v2-q/lc4j-1.19.0",
                "");
    }

    /** all-MiniLM-L6-v2 unquantized (384 dimensions, about 90 MB): a little closer to the original, slower. */
    public static Embedder allMiniLmL6V2Unquantized() {
        return LangChain4jEmbedder.of(new AllMiniLmL6V2EmbeddingModel(), "all-minilm-l6-v2/lc4j-1.19.0", "");
    }
}
