package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.Audience;
import dev.savoir.kb.Visibility;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * An article's visibility on disk: {@code {"audience": "PUBLIC"|"INTERNAL"|"SEGMENTS", "segments": [...]}}, the
 * segments sorted.
 *
 * @param audience the audience's on-disk name
 * @param segments the segments, sorted
 */
public record VisibilityRecord(String audience, List<String> segments) {
    static final String AUDIENCE = "audience";
    static final String SEGMENTS = "segments";
    private static final String WHAT = "a visibility";

    public VisibilityRecord {
        Objects.requireNonNull(audience, AUDIENCE);
        segments = List.copyOf(segments);
    }

    /** The record of {@code v}. */
    public static VisibilityRecord of(Visibility v) {
        return new VisibilityRecord(Names.of(v.audience()), v.segments().stream().sorted().toList());
    }

    /** The API value. */
    public Visibility toApi() {
        Audience a = Names.audience(audience);
        if (a == null) {
            throw new IllegalArgumentException("unknown audience \"" + audience + "\"");
        }
        if (segments.isEmpty()) {
            return a == Audience.PUBLIC ? Visibility.PUBLIC : a == Audience.INTERNAL ? Visibility.INTERNAL
                    : new Visibility(a, Set.of());
        }
        return new Visibility(a, Set.copyOf(segments));
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty(AUDIENCE, audience);
        g.writeName(SEGMENTS);
        LogCodec.writeStrings(g, segments);
        g.writeEndObject();
    }

    /** Reads the fields of an object whose start was just read. */
    static VisibilityRecord read(FrameReader r) {
        String audience = null;
        List<String> segments = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case AUDIENCE -> audience = r.string(AUDIENCE);
                case SEGMENTS -> segments = r.strings(SEGMENTS);
                default -> throw r.unknown(WHAT, f);
            }
        }
        return new VisibilityRecord(r.required(audience, WHAT, AUDIENCE), r.required(segments, WHAT, SEGMENTS));
    }
}
