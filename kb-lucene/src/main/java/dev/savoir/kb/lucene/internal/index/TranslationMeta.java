package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.Article;
import dev.savoir.kb.CategoryPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the filter, facet and hit fields of one translation's documents are made of, apart from the text: enough to
 * build its passage documents later, from the index alone (the embedding worker keeps no article in memory). Stored
 * on the published document of a translation whose passages await their vectors.
 *
 * @param id the article id
 * @param locale the translation
 * @param revision the revision number
 * @param pubLocales the article's published locales
 * @param audience {@code public}, {@code internal} or {@code segments}
 * @param segments the segments, for a {@code segments} audience
 * @param category the category path as written
 * @param tags the article's tags
 * @param type the article type's name
 * @param attributes the article's attributes
 * @param publishedAt when the translation was published (milliseconds)
 * @param due the review date (milliseconds), {@link Long#MAX_VALUE} for none
 * @param token which indexing of the article this is (passages are written only while it is current)
 */
public record TranslationMeta(String id, Locale locale, int revision, List<Locale> pubLocales, String audience,
                              List<String> segments, String category, List<String> tags, String type,
                              Map<String, String> attributes, long publishedAt, long due, long token) {
    private static final int VERSION = 1;

    static TranslationMeta of(Article a, Locale locale, int revision, Set<Locale> pubLocales, Instant publishedAt,
                              long token) {
        List<Locale> pub = new ArrayList<>(pubLocales);
        pub.sort(Comparator.comparing(Locale::toLanguageTag));
        String audience = switch (a.visibility().audience()) {
            case PUBLIC -> "public";
            case INTERNAL -> "internal";
            case SEGMENTS -> "segments";
        };
        return new TranslationMeta(a.id().value(), locale, revision, pub, audience,
                List.copyOf(new TreeSet<>(a.visibility().segments())), a.category().toString(), List.copyOf(a.tags()),
                a.type().name(), new LinkedHashMap<>(a.attributes()), publishedAt.toEpochMilli(),
                a.reviewDueAt() == null ? Long.MAX_VALUE : a.reviewDueAt().toEpochMilli(), token);
    }

    /** The category and its ancestors, as the category filter and facet index them. */
    List<String> categoryPaths() {
        return CategoryPath.parse(category).selfAndAncestors().stream().map(CategoryPath::toString).toList();
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(id);
            out.writeUTF(locale.toLanguageTag());
            out.writeInt(revision);
            out.writeInt(pubLocales.size());
            for (Locale l : pubLocales) {
                out.writeUTF(l.toLanguageTag());
            }
            out.writeUTF(audience);
            writeList(out, segments);
            out.writeUTF(category);
            writeList(out, tags);
            out.writeUTF(type);
            out.writeInt(attributes.size());
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(publishedAt);
            out.writeLong(due);
            out.writeLong(token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TranslationMeta fromBytes(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown translation metadata version " + version);
            }
            String id = in.readUTF();
            Locale locale = Locale.forLanguageTag(in.readUTF());
            int revision = in.readInt();
            int n = in.readInt();
            List<Locale> pub = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pub.add(Locale.forLanguageTag(in.readUTF()));
            }
            String audience = in.readUTF();
            List<String> segments = readList(in);
            String category = in.readUTF();
            List<String> tags = readList(in);
            String type = in.readUTF();
            int na = in.readInt();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < na; i++) {
                attributes.put(in.readUTF(), in.readUTF());
            }
            return new TranslationMeta(id, locale, revision, pub, audience, segments, category, tags, type,
                    attributes, in.readLong(), in.readLong(), in.readLong());
        }
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
