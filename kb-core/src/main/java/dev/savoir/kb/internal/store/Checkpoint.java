package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Audience;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileWriteFeature;

/**
 * The store's checkpoint file: its in-memory entries as of a prefix of the log, so that opening replays only what
 * follows. Only an optimization: whoever reads it must fall back to the log when it is missing, stale or damaged.
 *
 * <h2>Layout</h2>
 * An 16-byte prefix (magic {@code SAVOIRCP}, checkpoint format {@value #VERSION}, store format), then frames
 * {@code [length][crc32c][Smile document]}: first the header {@code [logEnd, sequence, entries]}, then chunks of at
 * most {@value #CHUNK} entries or about {@value #CHUNK_BYTES} bytes each, up to the end of the file (a file cut at a
 * frame boundary lacks entries, and is refused). Each chunk is a standalone Smile array of entries,
 * each entry an array of fields in a fixed order (see {@link #writeEntry}); chunks are checked and parsed in
 * parallel. Written with Jackson's streaming API: no per-field names, no reflection; states and audiences as fixed
 * codes ({@link #code(TranslationState)}), never the enums' ordinals, so that reordering the API's enums changes
 * nothing here. The golden store folder of the tests holds a checkpoint of this version.
 */
final class Checkpoint {
    static final byte[] MAGIC = "SAVOIRCP".getBytes(StandardCharsets.US_ASCII);
    /** The checkpoint format written by this code; any other is ignored. */
    static final int VERSION = 2;
    static final int PREFIX = 16;
    static final int FRAME_HEADER = 8;
    /** The most entries per chunk. */
    static final int CHUNK = 2048;
    /** A chunk ends once it holds this many bytes, even with fewer entries. */
    static final int CHUNK_BYTES = 4 << 20;
    private static final int MAX_CHUNK_BYTES = 256 << 20;

    private static final SmileMapper SMILE = SmileMapper.builder()
            .enable(SmileWriteFeature.CHECK_SHARED_STRING_VALUES)
            .build();
    /** The checkpoint's codes of the translation states, by code (fixed: not the enum's declaration order). */
    private static final TranslationState[] STATES = {TranslationState.DRAFT, TranslationState.IN_REVIEW,
        TranslationState.APPROVED, TranslationState.SCHEDULED, TranslationState.PUBLISHED, TranslationState.ARCHIVED};
    /** The checkpoint's codes of the audiences, by code. */
    private static final Audience[] AUDIENCES = {Audience.INTERNAL, Audience.PUBLIC, Audience.SEGMENTS};

    /** What the checkpoint summarizes: the log up to {@code logEnd}, {@code sequence} commits, its entry count. */
    record Header(long logEnd, long sequence, int entries) {
    }

    private Checkpoint() {
    }

    // ---------------------------------------------------------------- write

    /** Writes {@code entries} as the state of the log up to {@code logEnd} (the caller makes it durable). */
    static void write(OutputStream out, long logEnd, long sequence, List<StoreEntry> entries, int storeFormat)
            throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX).put(MAGIC).putInt(VERSION).putInt(storeFormat);
        out.write(prefix.array());
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        try (JsonGenerator g = SMILE.createGenerator(buf)) {
            g.writeStartArray();
            g.writeNumber(logEnd);
            g.writeNumber(sequence);
            g.writeNumber(entries.size());
            g.writeEndArray();
        }
        writeFrame(out, buf);
        int next = 0;
        while (next < entries.size()) {
            buf.reset();
            try (JsonGenerator g = SMILE.createGenerator(buf)) {
                g.writeStartArray();
                int end = Math.min(entries.size(), next + CHUNK);
                while (next < end) {
                    writeEntry(g, entries.get(next++));
                    if (g.streamWriteOutputBuffered() + buf.size() >= CHUNK_BYTES) {
                        break;
                    }
                }
                g.writeEndArray();
            }
            writeFrame(out, buf);
        }
    }

    private static void writeFrame(OutputStream out, ByteArrayOutputStream buf) throws IOException {
        byte[] bytes = buf.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        out.write(ByteBuffer.allocate(FRAME_HEADER).putInt(bytes.length).putInt((int) crc.getValue()).array());
        out.write(bytes);
    }

    /**
     * One entry: {@code [id, version, category, type, owner, [tags], [attribute key, value, ...], audience,
     * [segments], sourceLocale, reviewInterval, verifiedAt, verifiedBy, reviewDueAt, createdAt, updatedAt,
     * [translations], lastSequence, [locales], [offsets]]}; each translation {@code [locale, state, latestRevision,
     * publishedRevision, translatedFrom, scheduledPublishAt, scheduledArchiveAt, submittedBy, publishedAt,
     * updatedAt]}. An instant or duration is its whole seconds, or {@code [seconds, nanoseconds]}; absent is null.
     * A new field of {@link Article} or {@link Translation} needs a new {@link #VERSION}.
     */
    private static void writeEntry(JsonGenerator g, StoreEntry e) {
        Article a = e.article();
        g.writeStartArray();
        g.writeString(a.id().value());
        g.writeNumber(a.version());
        g.writeString(a.category().toString());
        g.writeString(a.type().name());
        g.writeString(a.owner());
        g.writeStartArray();
        for (String t : a.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStartArray();
        for (Map.Entry<String, String> at : a.attributes().entrySet()) {
            g.writeString(at.getKey());
            g.writeString(at.getValue());
        }
        g.writeEndArray();
        g.writeNumber(code(a.visibility().audience()));
        g.writeStartArray();
        for (String s : a.visibility().segments()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeString(a.sourceLocale().toLanguageTag());
        Duration ri = a.reviewInterval();
        if (ri == null) {
            g.writeNull();
        } else {
            writeTime(g, ri.getSeconds(), ri.getNano());
        }
        writeInstant(g, a.verifiedAt());
        writeNullableString(g, a.verifiedBy());
        writeInstant(g, a.reviewDueAt());
        writeInstant(g, a.createdAt());
        writeInstant(g, a.updatedAt());
        g.writeStartArray();
        for (Translation t : a.translations().values()) {
            g.writeStartArray();
            g.writeString(t.locale().toLanguageTag());
            g.writeNumber(code(t.state()));
            g.writeNumber(t.latestRevision());
            writeNullableInt(g, t.publishedRevision());
            writeNullableInt(g, t.translatedFrom());
            writeInstant(g, t.scheduledPublishAt());
            writeInstant(g, t.scheduledArchiveAt());
            writeNullableString(g, t.submittedBy());
            writeInstant(g, t.publishedAt());
            writeInstant(g, t.updatedAt());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeNumber(e.lastSequence());
        g.writeStartArray();
        for (Locale l : e.locales()) {
            g.writeString(l.toLanguageTag());
        }
        g.writeEndArray();
        long[] offsets = e.offsets();
        g.writeArray(offsets, 0, offsets.length);
        g.writeEndArray();
    }

    /** The checkpoint's code of a state: its index in {@link #STATES} (a new state fails to compile here). */
    static int code(TranslationState s) {
        return switch (s) {
            case DRAFT -> 0;
            case IN_REVIEW -> 1;
            case APPROVED -> 2;
            case SCHEDULED -> 3;
            case PUBLISHED -> 4;
            case ARCHIVED -> 5;
        };
    }

    /**
     * The state of a code of {@link #code(TranslationState)}.
     *
     * @throws IllegalArgumentException if no state has that code
     */
    static TranslationState state(int code) {
        if (code < 0 || code >= STATES.length) {
            throw new IllegalArgumentException("no translation state has code " + code);
        }
        return STATES[code];
    }

    /**
     * The audience of a code of {@link #code(Audience)}.
     *
     * @throws IllegalArgumentException if no audience has that code
     */
    static Audience audience(int code) {
        if (code < 0 || code >= AUDIENCES.length) {
            throw new IllegalArgumentException("no audience has code " + code);
        }
        return AUDIENCES[code];
    }

    /** The checkpoint's code of an audience: its index in {@link #AUDIENCES}. */
    static int code(Audience a) {
        return switch (a) {
            case INTERNAL -> 0;
            case PUBLIC -> 1;
            case SEGMENTS -> 2;
        };
    }

    private static void writeInstant(JsonGenerator g, @Nullable Instant at) {
        if (at == null) {
            g.writeNull();
        } else {
            writeTime(g, at.getEpochSecond(), at.getNano());
        }
    }

    private static void writeTime(JsonGenerator g, long seconds, int nanos) {
        if (nanos == 0) {
            g.writeNumber(seconds);
        } else {
            g.writeStartArray();
            g.writeNumber(seconds);
            g.writeNumber(nanos);
            g.writeEndArray();
        }
    }

    private static void writeNullableString(JsonGenerator g, @Nullable String s) {
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(s);
        }
    }

    private static void writeNullableInt(JsonGenerator g, @Nullable Integer i) {
        if (i == null) {
            g.writeNull();
        } else {
            g.writeNumber(i.intValue());
        }
    }

    // ---------------------------------------------------------------- read

    /**
     * Reads the prefix and header of a checkpoint.
     *
     * @return the header, or {@code null} when the file is not a checkpoint of this format (an older one, say)
     * @throws IOException if it cannot be read or its header is damaged
     */
    static @Nullable Header readHeader(FileChannel ch, int storeFormat) throws IOException {
        if (ch.size() < PREFIX) {
            return null;
        }
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX);
        readFully(ch, prefix, 0);
        prefix.flip();
        byte[] magic = new byte[MAGIC.length];
        prefix.get(magic);
        if (!Arrays.equals(magic, MAGIC) || prefix.getInt() != VERSION || prefix.getInt() != storeFormat) {
            return null;
        }
        byte[] bytes = readFrame(ch, PREFIX);
        try (JsonParser p = SMILE.createParser(bytes)) {
            expect(p, JsonToken.START_ARRAY);
            long logEnd = nextLong(p);
            long sequence = nextLong(p);
            long entries = nextLong(p);
            expect(p, JsonToken.END_ARRAY);
            if (logEnd < 0 || sequence < 0 || entries < 0 || entries > Integer.MAX_VALUE) {
                throw new IOException("the checkpoint header is inconsistent");
            }
            return new Header(logEnd, sequence, (int) entries);
        }
    }

    /**
     * Reads every entry of a checkpoint whose header was {@code header}, chunks in parallel, then hands them to
     * {@code sink} (on the calling thread), only when every chunk was read and the count matches the header.
     *
     * @throws IOException if the file is damaged: a bad checksum, a malformed entry, or not the entries announced
     */
    static void readEntries(FileChannel ch, Header header, Interner interner, ArticleCodec codec,
                            Consumer<StoreEntry> sink)
            throws IOException {
        List<Long> chunkStarts = new ArrayList<>();
        long size = ch.size();
        long pos = PREFIX + FRAME_HEADER + frameLength(ch, PREFIX);
        while (pos < size) {
            chunkStarts.add(pos);
            pos += FRAME_HEADER + frameLength(ch, pos);
        }
        long[] starts = chunkStarts.stream().mapToLong(Long::longValue).toArray();
        // Every chunk task completes (a failure is recorded, not thrown), so that none is still handing out entries
        // when this method returns; the sink sees entries only once all chunks were read.
        List<StoreEntry>[] chunks = newLists(starts.length);
        IOException[] failures = new IOException[starts.length];
        IntStream.range(0, starts.length).parallel().forEach(c -> {
            try {
                chunks[c] = readChunk(readFrame(ch, starts[c]), interner, codec);
            } catch (IOException e) {
                failures[c] = e;
            } catch (RuntimeException e) {
                failures[c] = new IOException("a checkpoint chunk cannot be read: " + e, e);
            }
        });
        long total = 0;
        for (int c = 0; c < chunks.length; c++) {
            if (failures[c] != null) {
                throw failures[c];
            }
            total += chunks[c].size();
        }
        if (total != header.entries()) {
            throw new IOException("the checkpoint has " + total + " entries, its header says " + header.entries());
        }
        for (List<StoreEntry> chunk : chunks) {
            chunk.forEach(sink);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<StoreEntry>[] newLists(int n) {
        return (List<StoreEntry>[]) new List<?>[n];
    }

    private static List<StoreEntry> readChunk(byte[] bytes, Interner interner, ArticleCodec codec)
            throws IOException {
        List<StoreEntry> out = new ArrayList<>(CHUNK);
        try (JsonParser p = SMILE.createParser(bytes)) {
            expect(p, JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                out.add(readEntry(p, interner, codec));
            }
            if (p.currentToken() != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw new IOException("a checkpoint chunk does not end where it should");
            }
        } catch (RuntimeException e) {
            // Malformed Smile, or values that break a model invariant (the parser or a record constructor says so).
            throw new IOException("a checkpoint chunk cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static StoreEntry readEntry(JsonParser p, Interner interner, ArticleCodec codec) throws IOException {
        Interner.Instants seen = new Interner.Instants();
        ArticleId id = ArticleId.of(nextString(p));
        long version = nextLong(p);
        var category = interner.category(nextString(p));
        var type = interner.type(nextString(p));
        String owner = nextString(p);
        Set<String> tags = readTags(p);
        Map<String, String> attributes = readAttributes(p);
        Audience audience = AUDIENCES[(int) nextLong(p)];
        expect(p, JsonToken.START_ARRAY);
        List<String> segments = new ArrayList<>(2);
        while (p.nextToken() == JsonToken.VALUE_STRING) {
            segments.add(p.getString());
        }
        checkEnd(p);
        Visibility visibility = segments.isEmpty() && audience == Audience.PUBLIC ? Visibility.PUBLIC
                : segments.isEmpty() && audience == Audience.INTERNAL ? Visibility.INTERNAL
                : new Visibility(audience, Set.copyOf(segments));
        Locale sourceLocale = interner.locale(nextString(p));
        Duration reviewInterval = null;
        if (p.nextToken() != JsonToken.VALUE_NULL) {
            long[] t = readTime(p);
            reviewInterval = Duration.ofSeconds(t[0], t[1]);
        }
        Instant verifiedAt = readInstant(p, seen);
        String verifiedBy = nextNullableString(p);
        Instant reviewDueAt = readInstant(p, seen);
        Instant createdAt = readInstant(p, seen);
        Instant updatedAt = readInstant(p, seen);
        expect(p, JsonToken.START_ARRAY);
        Map<Locale, Translation> translations = new HashMap<>(4);
        while (p.nextToken() == JsonToken.START_ARRAY) {
            Locale locale = interner.locale(nextString(p));
            TranslationState state = STATES[(int) nextLong(p)];
            int latest = (int) nextLong(p);
            Integer published = nextNullableInt(p);
            Integer from = nextNullableInt(p);
            Instant publishAt = readInstant(p, seen);
            Instant archiveAt = readInstant(p, seen);
            String submittedBy = nextNullableString(p);
            Instant publishedAt = readInstant(p, seen);
            Instant tUpdatedAt = readInstant(p, seen);
            expect(p, JsonToken.END_ARRAY);
            translations.put(locale, new Translation(locale, state, latest, published, from, publishAt, archiveAt,
                    submittedBy, publishedAt, java.util.Objects.requireNonNull(tUpdatedAt, "translation updatedAt")));
        }
        checkEnd(p);
        Article article = new Article(id, version, category, type, owner, tags, attributes, visibility, sourceLocale,
                reviewInterval, verifiedAt, verifiedBy, reviewDueAt,
                java.util.Objects.requireNonNull(createdAt, "createdAt"),
                java.util.Objects.requireNonNull(updatedAt, "updatedAt"), translations);
        long lastSequence = nextLong(p);
        expect(p, JsonToken.START_ARRAY);
        List<Locale> locales = new ArrayList<>(2);
        while (p.nextToken() == JsonToken.VALUE_STRING) {
            locales.add(interner.locale(p.getString()));
        }
        checkEnd(p);
        expect(p, JsonToken.START_ARRAY);
        long[] offsets = new long[8];
        int n = 0;
        while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
            }
            offsets[n++] = p.getLongValue();
        }
        checkEnd(p);
        expect(p, JsonToken.END_ARRAY);
        return new StoreEntry(codec, article, lastSequence, interner.localeList(locales), Arrays.copyOf(offsets, n));
    }

    private static Set<String> readTags(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return Set.of();
        }
        List<String> tags = new ArrayList<>(4);
        do {
            tags.add(p.getString());
        } while (p.nextToken() == JsonToken.VALUE_STRING);
        checkEnd(p);
        return Set.copyOf(tags);
    }

    private static Map<String, String> readAttributes(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        do {
            String key = p.getString();
            out.put(key, nextString(p));
        } while (p.nextToken() == JsonToken.VALUE_STRING);
        checkEnd(p);
        return Map.copyOf(out);
    }

    /** The instant at the parser's next token, or null. */
    private static @Nullable Instant readInstant(JsonParser p, Interner.Instants seen) throws IOException {
        if (p.nextToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        long[] t = readTime(p);
        return seen.of(t[0], (int) t[1]);
    }

    /** Seconds and nanoseconds from the current token: a number, or a two-number array. */
    private static long[] readTime(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return new long[] {p.getLongValue(), 0};
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("expected a time, found " + p.currentToken());
        }
        long seconds = nextLong(p);
        long nanos = nextLong(p);
        expect(p, JsonToken.END_ARRAY);
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IOException("nanoseconds out of range: " + nanos);
        }
        return new long[] {seconds, nanos};
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonToken t = p.nextToken();
        if (t != token) {
            throw new IOException("expected " + token + ", found " + t);
        }
    }

    private static void checkEnd(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new IOException("expected the end of an array, found " + p.currentToken());
        }
    }

    private static long nextLong(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("expected a number, found " + p.currentToken());
        }
        return p.getLongValue();
    }

    private static @Nullable Integer nextNullableInt(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("expected a number, found " + t);
        }
        return p.getIntValue();
    }

    private static String nextString(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new IOException("expected a string, found " + p.currentToken());
        }
        return p.getString();
    }

    private static @Nullable String nextNullableString(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IOException("expected a string, found " + t);
        }
        return p.getString();
    }

    private static int frameLength(FileChannel ch, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER);
        readFully(ch, b, at);
        int length = b.getInt(0);
        if (length <= 0 || length > MAX_CHUNK_BYTES || at + FRAME_HEADER + length > ch.size()) {
            throw new IOException("a checkpoint frame at byte " + at + " has a bad length " + length);
        }
        return length;
    }

    private static byte[] readFrame(FileChannel ch, long at) throws IOException {
        int length = frameLength(ch, at);
        ByteBuffer head = ByteBuffer.allocate(FRAME_HEADER);
        readFully(ch, head, at);
        int checksum = head.getInt(4);
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(ch, body, at + FRAME_HEADER);
        CRC32C crc = new CRC32C();
        crc.update(body.array());
        if ((int) crc.getValue() != checksum) {
            throw new IOException("a checkpoint frame at byte " + at + " fails its checksum");
        }
        return body.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of the checkpoint at byte " + pos);
            }
            pos += n;
        }
    }
}
