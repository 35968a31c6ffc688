package dev.savoir.kb.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Turns texts into vectors whose closeness reflects closeness of meaning: the model behind semantic and hybrid
 * search and {@link SearchEngine#passages passages}. A search engine that supports semantic search takes one on its
 * builder; {@code kb-semantic} ships an in-jar model and an adapter for any ONNX model file, and a host may plug its
 * own service.
 *
 * <p>Implementations are thread-safe and deterministic: the same model id and text give the same vector, which is
 * what lets an engine cache vectors by the hash of model id and text. Change {@link #modelId()} whenever the vectors
 * would change (another model, another version, another pooling).
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Embedder {
    /** Names the model and every setting that changes its vectors; part of every cache key. Not blank. */
    String modelId();

    /** The length of every vector {@link #embed} returns (1 to 4096). */
    int dimension();

    /**
     * One vector per text, in order, each of {@link #dimension()} finite floats; the engine normalizes them to unit
     * length. Texts may be long: an implementation truncates what its model cannot read. Called off the write path,
     * on the engine's embedding thread, with batches of at most {@link #maxBatch()} texts, and on the searching
     * thread with the query alone.
     */
    List<float[]> embed(List<String> texts);

    /**
     * The vector of a search query. Retrieval models trained with an instruction for queries (BGE, E5) put it here;
     * the default embeds the query as any text.
     */
    default float[] embedQuery(String query) {
        return embed(List.of(query)).getFirst();
    }

    /** The most texts {@link #embed} is called with at once (default 32). */
    default int maxBatch() {
        return 32;
    }
}
