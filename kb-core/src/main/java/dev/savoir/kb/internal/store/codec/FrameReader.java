package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.StoreCorruptedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the JSON of one log frame with the streaming API, token by token, and turns every surprise into a
 * {@link StoreCorruptedException} that names the file and the frame's offset. Not thread-safe: one per frame.
 */
final class FrameReader {
    private static final String FILE_ADVICE = "Restore the directory from a backup, or open it with the Savoir "
            + "version that wrote it";

    private final JsonParser p;
    private final String where;
    private final String advice;

    FrameReader(JsonParser parser, Path file, long offset) {
        this(parser, "the record at byte " + offset + " of " + file, FILE_ADVICE);
    }

    /**
     * A reader of a record kept elsewhere than in a log file (a database row, for {@link JsonStoreRecordCodec}).
     *
     * @param where names the record in errors ({@code "the revision a1/en/3 in kb.revisions"})
     * @param advice what to do about a corrupted one
     */
    FrameReader(JsonParser parser, String where, String advice) {
        this.p = parser;
        this.where = where;
        this.advice = advice;
    }

    /** A corruption error about this frame: {@code what} says what is wrong. */
    StoreCorruptedException corrupted(String what) {
        return corrupted(where, advice, what, null);
    }

    StoreCorruptedException corrupted(String what, Throwable cause) {
        return corrupted(where, advice, what, cause);
    }

    /** A corruption error about the frame at {@code offset} of {@code file}. */
    static StoreCorruptedException corrupted(Path file, long offset, String what, @Nullable Throwable cause) {
        return corrupted("the record at byte " + offset + " of " + file, FILE_ADVICE, what, cause);
    }

    /** A corruption error about the record {@code where}. */
    static StoreCorruptedException corrupted(String where, String advice, String what, @Nullable Throwable cause) {
        String message = where + " " + what
                + ": it was not written by this store format's writer (damaged, or written by another Savoir). "
                + advice;
        return cause == null ? new StoreCorruptedException(message) : new StoreCorruptedException(message, cause);
    }

    /** Moves to the next token and checks that it starts an object ({@code what} names it in errors). */
    void startObject(String what) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw corrupted("has " + p.currentToken() + " where " + what + " (an object) should be");
        }
    }

    /** The next field name of the current object, or {@code null} at its end. */
    @Nullable String nextField() {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        if (t != JsonToken.PROPERTY_NAME) {
            throw corrupted("has " + t + " where a field name should be");
        }
        return p.currentName();
    }

    /** Refuses a field the format does not define. */
    StoreCorruptedException unknown(String record, String field) {
        return corrupted("has an unknown field \"" + field + "\" in " + record);
    }

    /** Checks that a required field was present. */
    <T> T required(@Nullable T value, String record, String field) {
        if (value == null) {
            throw corrupted("lacks the field \"" + field + "\" of " + record);
        }
        return value;
    }

    /** Skips the value of the current field (a value the format defines but derives, such as a translation's "live"). */
    void skipValue() {
        p.nextToken();
        p.skipChildren();
    }

    /** Checks that nothing follows the top-level object. */
    void end() {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw corrupted("has " + t + " after its end");
        }
    }

    String string(String field) {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw corrupted("has " + p.currentToken() + " where the string \"" + field + "\" should be");
        }
        return p.getString();
    }

    @Nullable String nullableString(String field) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw corrupted("has " + t + " where the string \"" + field + "\" should be");
        }
        return p.getString();
    }

    long longValue(String field) {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw corrupted("has " + p.currentToken() + " where the whole number \"" + field + "\" should be");
        }
        return p.getLongValue();
    }

    int intValue(String field) {
        long v = longValue(field);
        if (v != (int) v) {
            throw corrupted("has " + v + " for \"" + field + "\", out of range");
        }
        return (int) v;
    }

    boolean bool(String field) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw corrupted("has " + t + " where the boolean \"" + field + "\" should be");
    }

    @Nullable Integer nullableInt(String field) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw corrupted("has " + t + " where the whole number \"" + field + "\" should be");
        }
        long v = p.getLongValue();
        if (v != (int) v) {
            throw corrupted("has " + v + " for \"" + field + "\", out of range");
        }
        return (int) v;
    }

    /** An instant: epoch seconds as a decimal number with up to nine fraction digits (see {@link LogCodec}). */
    Instant instant(String field) {
        Instant at = nullableInstant(field);
        if (at == null) {
            throw corrupted("has null for the instant \"" + field + "\"");
        }
        return at;
    }

    @Nullable Instant nullableInstant(String field) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw corrupted("has " + t + " where the instant \"" + field + "\" (epoch seconds) should be");
        }
        String text = p.getString();
        try {
            return parseInstant(text);
        } catch (RuntimeException e) {
            throw corrupted("has " + text + " for the instant \"" + field + "\", not an instant", e);
        }
    }

    /** Seconds and nanoseconds from the decimal text: the common {@code 123.456000000} form fast, others exactly. */
    static Instant parseInstant(String text) {
        int dot = text.indexOf('.');
        int n = text.length();
        if (dot > 0 && text.charAt(0) != '-' && n - dot - 1 <= 9 && plainDigits(text, dot)) {
            long seconds = Long.parseLong(text, 0, dot, 10);
            int nanos = n == dot + 1 ? 0 : Integer.parseInt(text, dot + 1, n, 10);
            for (int i = n - dot - 1; i < 9; i++) {
                nanos *= 10;
            }
            return Instant.ofEpochSecond(seconds, nanos);
        }
        BigDecimal d = new BigDecimal(text);
        BigDecimal seconds = d.setScale(0, RoundingMode.FLOOR);
        int nanos = d.subtract(seconds).movePointRight(9).intValueExact();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    private static boolean plainDigits(String text, int dot) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i != dot && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** A duration: ISO-8601 text such as {@code PT2160H}. */
    @Nullable Duration nullableDuration(String field) {
        String text = nullableString(field);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupted("has \"" + text + "\" for the duration \"" + field + "\", not an ISO-8601 duration", e);
        }
    }

    /** An array of strings. */
    List<String> strings(String field) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw corrupted("has " + p.currentToken() + " where the array \"" + field + "\" should be");
        }
        List<String> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            out.add(p.getString());
        }
        if (t != JsonToken.END_ARRAY) {
            throw corrupted("has " + t + " in the array of strings \"" + field + "\"");
        }
        return out;
    }

    /** An object of string values. */
    Map<String, String> stringMap(String field) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw corrupted("has " + p.currentToken() + " where the object \"" + field + "\" should be");
        }
        Map<String, String> out = new HashMap<>(4);
        String key;
        while ((key = nextField()) != null) {
            out.put(key, string(field + "." + key));
        }
        return out;
    }

    /** Whether the next token starts an array element of objects; consumes the array's end. */
    boolean nextInArray(String field) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t != JsonToken.END_ARRAY) {
            throw corrupted("has " + t + " in the array of objects \"" + field + "\"");
        }
        return false;
    }

    /** Moves to the start of an array ({@code field} names it in errors). */
    void startArray(String field) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw corrupted("has " + p.currentToken() + " where the array \"" + field + "\" should be");
        }
    }

    /** Checks that the current token starts an object (after {@link #nextInArray} or {@link #nextField}). */
    void atObject(String what) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw corrupted("has " + p.currentToken() + " where " + what + " (an object) should be");
        }
    }

    /** Moves into an object that is the value of the current field. */
    void objectValue(String what) {
        startObject(what);
    }
}
