package dev.savoir.kb.spi.tck;

import dev.savoir.kb.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic embedder for the conformance kit: each word (lower-cased letters and digits) adds a signed unit to
 * one of {@value #DIMENSION} buckets chosen by its hash, so that texts sharing words are close and the kit needs no
 * model. It counts the texts it embedded, so that a test can tell a cached vector from a computed one.
 */
public final class HashingEmbedder implements Embedder {
    public static final int DIMENSION = 64;
    private final AtomicLong embedded = new AtomicLong();

    @Override
    public String modelId() {
        return "tck-hashing-" + DIMENSION;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t));
        }
        embedded.addAndGet(texts.size());
        return out;
    }

    /** The vector of one text. */
    public static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                int h = w.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h, DIMENSION)] += (h & 0x4000_0000) == 0 ? 1 : -1;
            }
        }
        return v;
    }

    /** How many texts this embedder embedded so far. */
    public long embedded() {
        return embedded.get();
    }
}
