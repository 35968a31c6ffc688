package dev.savoir.kb.benchmarks;

import dev.savoir.kb.spi.Embedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedder that keeps every vector it computed in a file outside the repository (the relevance tool's in-memory
 * knowledge bases have no index folder to cache in), so that a second run on a collection asks the model only for
 * what changed. Queries and texts have separate keys (a model may embed them differently).
 */
final class CachingEmbedder implements Embedder, AutoCloseable {
    private final Embedder model;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final DataOutputStream out;
    private long computed;

    CachingEmbedder(Embedder model, Path folder) throws IOException {
        this.model = model;
        Files.createDirectories(folder);
        Path file = folder.resolve(model.modelId().replaceAll("[^A-Za-z0-9._-]", "_") + ".vectors");
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    String key = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                    vectors.put(key, v);
                }
            } catch (EOFException e) {
                // the end, or a torn last record: what was read is kept
            }
        }
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public int maxBatch() {
        return model.maxBatch();
    }

    /** Vectors computed by the model (not found in the file) so far. */
    long computed() {
        return computed;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        float[][] result = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            result[i] = vectors.get(key("t", texts.get(i)));
            if (result[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> fresh = model.embed(missing.stream().map(texts::get).toList());
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                result[i] = fresh.get(j);
                store(key("t", texts.get(i)), result[i]);
            }
        }
        return List.of(result);
    }

    @Override
    public float[] embedQuery(String query) {
        String k = key("q", query);
        float[] v = vectors.get(k);
        if (v == null) {
            v = model.embedQuery(query);
            store(k, v);
        }
        return v;
    }

    private synchronized void store(String key, float[] v) {
        vectors.put(key, v);
        computed++;
        try {
            out.writeUTF(key);
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String kind, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return kind + HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
