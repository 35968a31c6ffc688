package dev.savoir.kb.lucene.internal.semantic;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors by content hash (SHA-256 of the model id and the text), so that a rebuild, a restart or an unchanged
 * passage never asks the model again. On disk: one append-only file per model and dimension, a header then records
 * of (32-byte hash, the vector as little-endian floats); only the hashes and offsets stay in memory, vectors are read
 * back when needed. A torn last record (a crash while appending) is cut off on open. In memory (no folder): a map.
 * Thread-safe.
 */
public final class VectorCache implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
    private static final byte[] MAGIC = "SAVOIR-VECTORS-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH = 32;

    private final int dimension;
    private final @Nullable FileChannel file;
    private final Map<ByteBuffer, Long> offsets = new HashMap<>();
    private final Map<ByteBuffer, float[]> memory = new HashMap<>();
    private final int recordBytes;
    private final String modelId;
    private long end;
    private boolean dirty;

    private VectorCache(@Nullable Path folder, String modelId, int dimension) throws IOException {
        this.dimension = dimension;
        this.modelId = modelId;
        this.recordBytes = HASH + 4 * dimension;
        if (folder == null) {
            this.file = null;
            return;
        }
        Files.createDirectories(folder);
        Path path = folder.resolve(fileName(modelId, dimension));
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        byte[] header = header();
        long size = file.size();
        if (size < header.length || !headerMatches(header)) {
            if (size > 0) {
                LOG.warn("The embedding cache {} has an unknown header: starting it anew", path);
            }
            file.truncate(0);
            file.write(ByteBuffer.wrap(header), 0);
            end = header.length;
            return;
        }
        long records = (size - header.length) / recordBytes;
        end = header.length + records * recordBytes;
        if (end != size) {
            LOG.warn("The embedding cache {} ends with a torn record: cutting it off", path);
            file.truncate(end);
        }
        ByteBuffer hash = ByteBuffer.allocate(HASH);
        for (long r = 0; r < records; r++) {
            long at = header.length + r * recordBytes;
            hash.clear();
            readFully(hash, at);
            offsets.put(ByteBuffer.wrap(hash.array().clone()), at + HASH);
        }
        LOG.info("Embedding cache {}: {} vectors", path, records);
    }

    /** Opens (or creates) the cache of a model in {@code folder}, or an in-memory one when it is null. */
    public static VectorCache open(@Nullable Path folder, String modelId, int dimension) throws IOException {
        return new VectorCache(folder, modelId, dimension);
    }

    /** A file name from the model id: its safe characters and a hash, so that two models never share a file. */
    static String fileName(String modelId, int dimension) {
        String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        String h = hex(sha256(modelId.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return safe + "-" + h + "-" + dimension + ".vec";
    }

    private byte[] header() {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + id.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(dimension).putInt(id.length).put(id);
        return b.array();
    }

    private boolean headerMatches(byte[] header) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(header.length);
        readFully(b, 0);
        return java.util.Arrays.equals(b.array(), header);
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int n = file.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of the embedding cache at " + pos);
            }
            pos += n;
        }
    }

    /** The key of a text for this cache's model. */
    public ByteBuffer key(String text) {
        MessageDigest md = digest();
        md.update(modelId.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest());
    }

    /** The cached vector of a key, or null. */
    public synchronized float @Nullable [] get(ByteBuffer key) throws IOException {
        if (file == null) {
            float[] v = memory.get(key);
            return v == null ? null : v.clone();
        }
        Long at = offsets.get(key);
        if (at == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
        readFully(b, at);
        b.flip();
        float[] v = new float[dimension];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** Whether the cache holds a key. */
    public synchronized boolean contains(ByteBuffer key) {
        return file == null ? memory.containsKey(key) : offsets.containsKey(key);
    }

    /** Stores a vector (ignored when the key is already there). */
    public synchronized void put(ByteBuffer key, float[] vector) throws IOException {
        if (vector.length != dimension) {
            throw new IOException("a vector of " + vector.length + " floats in a cache of dimension " + dimension);
        }
        if (file == null) {
            memory.putIfAbsent(key, vector.clone());
            return;
        }
        if (offsets.containsKey(key)) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(key.duplicate().rewind());
        for (float f : vector) {
            b.putFloat(f);
        }
        b.flip();
        long at = end;
        while (b.hasRemaining()) {
            at += file.write(b, at);
        }
        offsets.put(key, end + HASH);
        end = at;
        dirty = true;
    }

    /** How many vectors the cache holds. */
    public synchronized int size() {
        return file == null ? memory.size() : offsets.size();
    }

    /** Forces what was appended to disk (called before the index commits). */
    public synchronized void sync() throws IOException {
        if (file != null && dirty) {
            file.force(false);
            dirty = false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            sync();
            file.close();
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
