package dev.savoir.kb.benchmarks;

import dev.savoir.kb.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embedders for the semantic benchmarks. Embedding every passage of a large generated knowledge base with the real
 * model takes hours on two cores (about 110 passages/s, see {@link EmbeddingBench}), so the benchmarks give the
 * passages cheap deterministic vectors of the model's dimension and embed only the queries with the real model:
 * the index, its HNSW graph and the k-nearest-neighbour search then cost what they cost with the model, and each
 * timed query pays the model's real query embedding.
 */
final class BenchEmbedders {
    private BenchEmbedders() {
    }

    /**
     * Word-hashing vectors of {@code dimension} floats: each word (lower-cased letters and digits) adds a signed unit
     * to three buckets chosen by its hash, so that texts sharing words are close. Queries are embedded the same way.
     */
    static Embedder hashing(int dimension) {
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException("dimension must be between 1 and 4096, got " + dimension);
        }
        return new Embedder() {
            @Override
            public String modelId() {
                return "bench-hashing-" + dimension;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                List<float[]> out = new ArrayList<>(texts.size());
                for (String t : texts) {
                    out.add(vector(t, dimension));
                }
                return out;
            }
        };
    }

    /**
     * Passages through {@code passages} (a cheap embedder of the model's dimension), queries through {@code model}:
     * the model id names both, so that a cache never mixes these vectors with the model's.
     */
    static Embedder split(Embedder passages, Embedder model) {
        if (passages.dimension() != model.dimension()) {
            throw new IllegalArgumentException("the passage embedder has " + passages.dimension()
                    + " dimensions, the model " + model.dimension());
        }
        return new Embedder() {
            @Override
            public String modelId() {
                return passages.modelId() + "+queries:" + model.modelId();
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return passages.embed(texts);
            }

            @Override
            public float[] embedQuery(String query) {
                return model.embedQuery(query);
            }

            @Override
            public int maxBatch() {
                return passages.maxBatch();
            }
        };
    }

    static float[] vector(String text, int dimension) {
        float[] v = new float[dimension];
        boolean any = false;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                int h = w.hashCode();
                for (int j = 0; j < 3; j++) {
                    h = h * 0x9E3779B1 + 0x7F4A7C15;
                    v[Math.floorMod(h >>> 1, dimension)] += (h & 1) == 0 ? 1 : -1;
                }
                any = true;
            }
        }
        if (!any) {
            v[0] = 1;
        }
        return v;
    }
}
