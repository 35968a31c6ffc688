package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.spi.StoreCommit;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The payload of a log frame in store format {@value #FORMAT}: one JSON object per commit ({@link CommitRecord}),
 * written and read field by field through the codec records, never by reflection over the API records, so that the
 * format changes only when this package does (and a golden store folder, opened by every build, says so).
 *
 * <h2>Values</h2>
 * Instants are epoch seconds as a decimal number with nine fraction digits ({@code 1769936400.000000000}; the epoch
 * itself {@code 0.0}), as Jackson wrote them when format 1 was defined; durations are ISO-8601 text
 * ({@code PT2160H}); locales are BCP 47 tags; enum values are their names, spelled out in {@code Names}; an absent
 * optional value is {@code null}. Sets and maps are written sorted, so that the same commit gives the same bytes.
 *
 * <h2>Unknown and missing fields</h2>
 * A field this format does not define is refused with {@link StoreCorruptedException} naming the file and the frame's
 * offset, rather than ignored: a record of format 1 only ever comes from format 1's writer, so an unknown field means
 * damage or a writer that added data without changing the format, and ignoring it would drop that data silently
 * (the next checkpoint or export would no longer have it). Data that old readers may skip needs a new format
 * version, which older Savoir refuses with a typed error instead. The one exception is a translation's
 * {@code "live"}, which format 1 always wrote and which is derived from {@code publishedRevision}: it is written
 * and skipped. A missing optional field reads as {@code null}; a missing required field is refused like an
 * unknown one.
 */
public final class LogCodec {
    /** The store format whose frames this codec writes and reads. */
    public static final int FORMAT = 1;

    private LogCodec() {
    }

    /** The payload of {@code commit}, numbered {@code sequence}. */
    public static byte[] encode(long sequence, StoreCommit commit) {
        return encode(CommitRecord.of(sequence, commit));
    }

    /** The payload of {@code record}. */
    public static byte[] encode(CommitRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            record.write(g);
        }
        return out.toByteArray();
    }

    /**
     * Reads the payload of the frame at {@code offset} of {@code file}.
     *
     * @throws StoreCorruptedException if it is not a well-formed record of this format (malformed JSON, an unknown
     *     or missing field, a value of the wrong type, or one the API records refuse); the message names the file
     *     and the offset
     */
    public static CommitRecord decode(byte[] payload, Path file, long offset) {
        try (JsonParser p = Json.mapper().createParser(payload)) {
            return CommitRecord.read(new FrameReader(p, file, offset));
        } catch (StoreCorruptedException e) {
            throw e;
        } catch (JacksonException e) {
            throw FrameReader.corrupted(file, offset, "is not well-formed JSON (" + e.getOriginalMessage() + ")", e);
        } catch (RuntimeException e) {
            throw FrameReader.corrupted(file, offset, "cannot be read (" + e + ")", e);
        }
    }

    /**
     * The API commit of {@code record}, read from the frame at {@code offset} of {@code file}.
     *
     * @throws StoreCorruptedException if it holds values the API records refuse (an invalid id, an unknown state)
     */
    public static StoreCommit toCommit(CommitRecord record, Path file, long offset) {
        try {
            return record.toCommit();
        } catch (RuntimeException e) {
            throw FrameReader.corrupted(file, offset, "holds a value that is not valid (" + e.getMessage() + ")", e);
        }
    }

    static void writeStrings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    static void writeNullableString(JsonGenerator g, String name, @Nullable String value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, value);
        }
    }

    static void writeNullableInt(JsonGenerator g, String name, @Nullable Integer value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeNumberProperty(name, value.intValue());
        }
    }

    static void writeInstant(JsonGenerator g, String name, @Nullable Instant at) {
        g.writeName(name);
        if (at == null) {
            g.writeNull();
        } else {
            g.writeNumber(instantText(at));
        }
    }

    /** The decimal text of an instant: {@code seconds.nnnnnnnnn}, {@code 0.0} for the epoch. */
    static String instantText(Instant at) {
        long seconds = at.getEpochSecond();
        int nanos = at.getNano();
        if (seconds == 0 && nanos == 0) {
            return "0.0";
        }
        if (seconds < 0) {
            return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)).setScale(9).toPlainString();
        }
        String n = Integer.toString(nanos);
        StringBuilder sb = new StringBuilder(21).append(seconds).append('.');
        for (int i = n.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(n).toString();
    }
}
