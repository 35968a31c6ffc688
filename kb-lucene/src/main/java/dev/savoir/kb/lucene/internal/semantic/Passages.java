package dev.savoir.kb.lucene.internal.semantic;

import dev.savoir.kb.KbException;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Passages and their vectors: splits a translation into sections at its headings, each cut to a bounded length with
 * an overlap; gives each chunk's vector from the cache or the model (normalized to unit length, so that the dot
 * product is the cosine). Thread-safe.
 */
public final class Passages {
    /** The most passages one translation gives: a huge body costs a bounded number of model calls. */
    public static final int MAX_CHUNKS = 64;

    /**
     * One passage.
     *
     * @param heading the section's heading, or empty before the first heading
     * @param anchor the heading's anchor, or empty
     * @param text the passage's plain text
     * @param input what the model embeds: the title, the heading and the text
     */
    public record Chunk(String heading, String anchor, String text, String input) {
    }

    private final Embedder embedder;
    private final VectorCache cache;
    private final Set<String> languages;
    private final int maxChars;
    private final int overlap;
    private final AtomicLong tokens = new AtomicLong(new SecureRandom().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);

    /**
     * @param languages the languages whose translations get passages (empty: all)
     * @param maxChars the longest passage, in characters
     * @param overlap characters a cut passage shares with the next
     */
    public Passages(Embedder embedder, VectorCache cache, Set<String> languages, int maxChars, int overlap) {
        this.embedder = embedder;
        this.cache = cache;
        this.languages = Set.copyOf(languages);
        this.maxChars = maxChars;
        this.overlap = overlap;
    }

    public String modelId() {
        return embedder.modelId();
    }

    /** What the passages depend on besides the text: the model, the split and the languages. */
    public String setup() {
        return embedder.modelId() + "/" + embedder.dimension() + "/" + maxChars + "/" + overlap + "/"
                + String.join(",", new java.util.TreeSet<>(languages));
    }

    public VectorCache cache() {
        return cache;
    }

    /** Whether translations (and queries) in this locale's language use vectors. */
    public boolean embeds(Locale locale) {
        return languages.isEmpty() || languages.contains(locale.getLanguage());
    }

    /** A token no earlier indexing (in this session or a previous one) used. */
    public long nextToken() {
        return tokens.incrementAndGet();
    }

    /** The passages of a translation, at most {@value #MAX_CHUNKS}. */
    public List<Chunk> chunks(String title, String body, List<BodyAnalysis.Section> sections) {
        List<Chunk> out = new ArrayList<>();
        int first = sections.isEmpty() ? body.length() : Math.min(body.length(), sections.getFirst().start());
        cut(title, "", "", body.substring(0, first), out);
        for (int i = 0; i < sections.size() && out.size() < MAX_CHUNKS; i++) {
            BodyAnalysis.Section s = sections.get(i);
            if (s.start() >= body.length()) {
                break;
            }
            int end = i + 1 < sections.size() ? Math.min(body.length(), sections.get(i + 1).start()) : body.length();
            cut(title, s.heading(), s.anchor(), body.substring(s.start(), Math.max(s.start(), end)), out);
        }
        if (out.isEmpty()) {
            // an empty body: the title alone still says what the article is about
            out.add(new Chunk("", "", "", title));
        }
        return out.size() > MAX_CHUNKS ? List.copyOf(out.subList(0, MAX_CHUNKS)) : out;
    }

    private void cut(String title, String heading, String anchor, String text, List<Chunk> out) {
        String t = text.strip();
        int start = 0;
        while (start < t.length() && out.size() < MAX_CHUNKS) {
            int end = Math.min(t.length(), start + maxChars);
            if (end < t.length()) {
                int space = t.lastIndexOf(' ', end);
                int newline = t.lastIndexOf('\n', end);
                int at = Math.max(space, newline);
                if (at > start + maxChars / 2) {
                    end = at;
                }
            }
            String piece = t.substring(start, end).strip();
            if (!piece.isEmpty()) {
                String input = heading.isEmpty() || piece.startsWith(heading) ? title + "\n" + piece
                        : title + "\n" + heading + "\n" + piece;
                out.add(new Chunk(heading, anchor, piece, input));
            }
            if (end >= t.length()) {
                break;
            }
            int next = end - overlap;
            if (next > start) {
                int space = t.indexOf(' ', next);
                next = space > 0 && space < end ? space + 1 : next;
            }
            start = Math.max(start + 1, next);
        }
    }

    /** The vectors of every chunk when the cache holds them all, else null. */
    public @Nullable List<float[]> cachedAll(List<Chunk> chunks) {
        List<float[]> out = new ArrayList<>(chunks.size());
        try {
            for (Chunk c : chunks) {
                float[] v = cache.get(cache.key(c.input()));
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The vectors of the chunks: from the cache, else from the model in batches (then cached). */
    public List<float[]> vectors(List<Chunk> chunks) throws IOException {
        float[][] out = new float[chunks.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            out[i] = cache.get(cache.key(chunks.get(i).input()));
            if (out[i] == null) {
                missing.add(i);
            }
        }
        int batch = Math.max(1, embedder.maxBatch());
        for (int from = 0; from < missing.size(); from += batch) {
            List<Integer> part = missing.subList(from, Math.min(missing.size(), from + batch));
            List<float[]> vs = embed(part.stream().map(i -> chunks.get(i).input()).toList());
            for (int j = 0; j < part.size(); j++) {
                int i = part.get(j);
                out[i] = vs.get(j);
                cache.put(cache.key(chunks.get(i).input()), out[i]);
            }
        }
        return List.of(out);
    }

    /** The vector of a query (not cached: queries are the user's text). */
    public float[] query(String text) {
        float[] v;
        try {
            v = embedder.embedQuery(text);
        } catch (KbException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KbException("the embedding model " + embedder.modelId() + " failed: " + e.getMessage(), e);
        }
        return normalized(v);
    }

    private List<float[]> embed(List<String> texts) {
        List<float[]> vs;
        try {
            vs = embedder.embed(texts);
        } catch (KbException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KbException("the embedding model " + embedder.modelId() + " failed: " + e.getMessage(), e);
        }
        if (vs == null || vs.size() != texts.size()) {
            throw new KbException("the embedding model " + embedder.modelId() + " returned "
                    + (vs == null ? "null" : vs.size() + " vectors") + " for " + texts.size() + " texts");
        }
        List<float[]> out = new ArrayList<>(vs.size());
        for (float[] v : vs) {
            out.add(normalized(v));
        }
        return out;
    }

    private float[] normalized(float @Nullable [] v) {
        if (v == null || v.length != embedder.dimension()) {
            throw new KbException("the embedding model " + embedder.modelId() + " returned a vector of "
                    + (v == null ? "null" : v.length + " floats") + ", expected " + embedder.dimension());
        }
        double norm = 0;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new KbException("the embedding model " + embedder.modelId() + " returned a non-finite value");
            }
            norm += (double) f * f;
        }
        float[] out = new float[v.length];
        if (norm == 0) {
            // a zero vector has no direction: any unit vector is as good, and keeps the dot product defined
            out[0] = 1;
            return out;
        }
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /** The heading starts, for the embedding worker: level, start, heading and anchor of each, within the body. */
    public static byte[] encodeSections(List<BodyAnalysis.Section> sections, int bodyLength) {
        StringBuilder sb = new StringBuilder();
        for (BodyAnalysis.Section s : sections) {
            if (s.start() >= bodyLength) {
                break;
            }
            sb.append(s.level()).append('\u0001').append(s.start()).append('\u0001').append(clean(s.heading()))
                    .append('\u0001').append(clean(s.anchor())).append('\u0002');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The sections {@link #encodeSections} wrote. */
    public static List<BodyAnalysis.Section> decodeSections(byte[] data) {
        List<BodyAnalysis.Section> out = new ArrayList<>();
        for (String rec : new String(data, StandardCharsets.UTF_8).split("\u0002")) {
            if (rec.isEmpty()) {
                continue;
            }
            String[] p = rec.split("\u0001", -1);
            out.add(new BodyAnalysis.Section(Integer.parseInt(p[0]), p[2], p[3], Integer.parseInt(p[1])));
        }
        return out;
    }

    private static String clean(String s) {
        return s.replace('\u0001', ' ').replace('\u0002', ' ');
    }
}
