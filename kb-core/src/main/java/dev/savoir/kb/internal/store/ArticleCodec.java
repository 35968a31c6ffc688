package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.Audience;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
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

/**
 * The compact in-memory form of an article's state in {@link FileArticleStore}: a {@code byte[]} of varints, with
 * repeated values (categories, types, owners, tags, attribute keys and values, visibilities, locales, reviewers) as
 * indexes into this codec's {@link Dictionary dictionaries}, so that a million articles fit a small heap. Articles
 * are decoded on read (and cached by the store). The bytes are only meaningful with the codec that wrote them and
 * never leave memory: the checkpoint and the log keep their own formats.
 *
 * <h2>Layout</h2>
 * {@code version, category, type, owner, tagCount, tags..., attributeCount, (key, value)..., visibility,
 * sourceLocale, flags, createdAt, updatedAt, [reviewInterval], [verifiedAt], [verifiedBy], [reviewDueAt],
 * translationCount, translations...}; each translation {@code locale, state|flags, latestRevision,
 * [publishedRevision], [publishedAt], [submittedBy], [translatedFrom], [scheduledPublishAt], [scheduledArchiveAt],
 * updatedAt}, the bracketed fields present when their flag is set. A value of a dictionary is {@code index << 1},
 * or {@code 1} followed by the value inline when its dictionary is full. An instant is its seconds relative to the
 * article's creation (zigzag) shifted left by one, the low bit saying whether nanoseconds follow. Thread-safe.
 */
final class ArticleCodec {
    private static final int A_REVIEW_INTERVAL = 1;
    private static final int A_VERIFIED_AT = 2;
    private static final int A_VERIFIED_BY = 4;
    private static final int A_REVIEW_DUE_AT = 8;
    /** Translation flags, above the 3 bits of its state's code; the common ones first, so that most fit a byte. */
    private static final int T_PUBLISHED_REVISION = 1 << 3;
    private static final int T_PUBLISHED_AT = 1 << 4;
    private static final int T_SUBMITTED_BY = 1 << 5;
    private static final int T_TRANSLATED_FROM = 1 << 6;
    private static final int T_PUBLISH_AT = 1 << 7;
    private static final int T_ARCHIVE_AT = 1 << 8;

    private final Dictionary<String> strings;
    /** Apart from the other strings: a host's own fields may hold a value per article, filling their table. */
    private final Dictionary<String> attributeValues;
    private final Dictionary<CategoryPath> categories;
    private final Dictionary<ArticleType> types;
    private final Dictionary<Visibility> visibilities;
    private final Dictionary<Locale> locales;

    /** A codec whose dictionaries hold at most {@link Interner#MAX_PER_KIND} values each. */
    ArticleCodec() {
        this(Interner.MAX_PER_KIND);
    }

    /** A codec whose dictionaries hold at most {@code maxPerKind} values each (past that, values are inline). */
    ArticleCodec(int maxPerKind) {
        strings = new Dictionary<>(maxPerKind);
        attributeValues = new Dictionary<>(maxPerKind);
        categories = new Dictionary<>(maxPerKind);
        types = new Dictionary<>(maxPerKind);
        visibilities = new Dictionary<>(maxPerKind);
        locales = new Dictionary<>(maxPerKind);
    }

    // ---------------------------------------------------------------- encode

    /** The compact form of {@code a} (its id excepted: the store keys entries by it). */
    byte[] encode(Article a) {
        Out out = new Out();
        out.varint(a.version());
        category(out, a.category());
        type(out, a.type());
        string(out, strings, a.owner());
        out.varint(a.tags().size());
        for (String t : a.tags()) {
            string(out, strings, t);
        }
        out.varint(a.attributes().size());
        for (Map.Entry<String, String> e : a.attributes().entrySet()) {
            string(out, strings, e.getKey());
            string(out, attributeValues, e.getValue());
        }
        visibility(out, a.visibility());
        locale(out, a.sourceLocale());
        int flags = (a.reviewInterval() != null ? A_REVIEW_INTERVAL : 0) | (a.verifiedAt() != null ? A_VERIFIED_AT : 0)
                | (a.verifiedBy() != null ? A_VERIFIED_BY : 0) | (a.reviewDueAt() != null ? A_REVIEW_DUE_AT : 0);
        out.varint(flags);
        long base = a.createdAt().getEpochSecond();
        instant(out, 0, a.createdAt());
        instant(out, base, a.updatedAt());
        Duration ri = a.reviewInterval();
        if (ri != null) {
            out.varint(zigzag(ri.getSeconds()));
            out.varint(ri.getNano());
        }
        if (a.verifiedAt() != null) {
            instant(out, base, a.verifiedAt());
        }
        if (a.verifiedBy() != null) {
            string(out, strings, a.verifiedBy());
        }
        if (a.reviewDueAt() != null) {
            instant(out, base, a.reviewDueAt());
        }
        out.varint(a.translations().size());
        for (Translation t : a.translations().values()) {
            translation(out, base, t);
        }
        return out.toArray();
    }

    private void translation(Out out, long base, Translation t) {
        locale(out, t.locale());
        int head = Checkpoint.code(t.state())
                | (t.publishedRevision() != null ? T_PUBLISHED_REVISION : 0)
                | (t.publishedAt() != null ? T_PUBLISHED_AT : 0)
                | (t.submittedBy() != null ? T_SUBMITTED_BY : 0)
                | (t.translatedFrom() != null ? T_TRANSLATED_FROM : 0)
                | (t.scheduledPublishAt() != null ? T_PUBLISH_AT : 0)
                | (t.scheduledArchiveAt() != null ? T_ARCHIVE_AT : 0);
        out.varint(head);
        out.varint(t.latestRevision());
        if (t.publishedRevision() != null) {
            out.varint(t.publishedRevision());
        }
        if (t.publishedAt() != null) {
            instant(out, base, t.publishedAt());
        }
        if (t.submittedBy() != null) {
            string(out, strings, t.submittedBy());
        }
        if (t.translatedFrom() != null) {
            out.varint(t.translatedFrom());
        }
        if (t.scheduledPublishAt() != null) {
            instant(out, base, t.scheduledPublishAt());
        }
        if (t.scheduledArchiveAt() != null) {
            instant(out, base, t.scheduledArchiveAt());
        }
        instant(out, base, t.updatedAt());
    }

    private static void string(Out out, Dictionary<String> d, String s) {
        int i = d.indexOf(s);
        if (i >= 0) {
            out.varint((long) i << 1);
        } else {
            out.varint(1);
            out.utf8(s);
        }
    }

    private void category(Out out, CategoryPath c) {
        int i = categories.indexOf(c);
        if (i >= 0) {
            out.varint((long) i << 1);
            return;
        }
        out.varint(1);
        out.varint(c.segments().size());
        for (String s : c.segments()) {
            string(out, strings, s);
        }
    }

    private void type(Out out, ArticleType t) {
        int i = types.indexOf(t);
        if (i >= 0) {
            out.varint((long) i << 1);
        } else {
            out.varint(1);
            out.utf8(t.name());
        }
    }

    private void visibility(Out out, Visibility v) {
        int i = visibilities.indexOf(v);
        if (i >= 0) {
            out.varint((long) i << 1);
            return;
        }
        out.varint(1);
        out.varint(Checkpoint.code(v.audience()));
        out.varint(v.segments().size());
        for (String s : v.segments()) {
            string(out, strings, s);
        }
    }

    private void locale(Out out, Locale l) {
        int i = locales.indexOf(l);
        if (i >= 0) {
            out.varint((long) i << 1);
        } else {
            out.varint(1);
            out.utf8(l.toLanguageTag());
        }
    }

    private static void instant(Out out, long base, Instant at) {
        int nanos = at.getNano();
        // |seconds - base| < 2^56 for any two instants: the shifted zigzag fits a long.
        out.varint(zigzag(at.getEpochSecond() - base) << 1 | (nanos != 0 ? 1 : 0));
        if (nanos != 0) {
            out.varint(nanos);
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ---------------------------------------------------------------- decode

    /**
     * The article whose compact form is {@code data} (written by this codec).
     *
     * @throws IllegalStateException if {@code data} is not a compact article of this codec
     */
    Article decode(ArticleId id, byte[] data) {
        return decode(id, data, data.length);
    }

    /** The article whose compact form is the first {@code length} bytes of {@code data}. */
    Article decode(ArticleId id, byte[] data, int length) {
        In in = new In(data, length);
        Interner.Instants seen = new Interner.Instants();
        try {
            long version = in.varlong();
            CategoryPath category = readCategory(in);
            ArticleType type = readType(in);
            String owner = readString(in, strings);
            int tagCount = in.count();
            Set<String> tags;
            if (tagCount == 0) {
                tags = Set.of();
            } else {
                String[] t = new String[tagCount];
                for (int i = 0; i < tagCount; i++) {
                    t[i] = readString(in, strings);
                }
                tags = Set.of(t);
            }
            int attributeCount = in.count();
            Map<String, String> attributes;
            if (attributeCount == 0) {
                attributes = Map.of();
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<String, String>[] entries = new Map.Entry[attributeCount];
                for (int i = 0; i < attributeCount; i++) {
                    entries[i] = Map.entry(readString(in, strings), readString(in, attributeValues));
                }
                attributes = Map.ofEntries(entries);
            }
            Visibility visibility = readVisibility(in);
            Locale sourceLocale = readLocale(in);
            int flags = in.count();
            Instant createdAt = readInstant(in, 0, seen);
            long base = createdAt.getEpochSecond();
            Instant updatedAt = readInstant(in, base, seen);
            Duration reviewInterval = null;
            if ((flags & A_REVIEW_INTERVAL) != 0) {
                long seconds = unzigzag(in.varlong());
                reviewInterval = Duration.ofSeconds(seconds, in.nanos());
            }
            Instant verifiedAt = (flags & A_VERIFIED_AT) != 0 ? readInstant(in, base, seen) : null;
            String verifiedBy = (flags & A_VERIFIED_BY) != 0 ? readString(in, strings) : null;
            Instant reviewDueAt = (flags & A_REVIEW_DUE_AT) != 0 ? readInstant(in, base, seen) : null;
            int translationCount = in.count();
            Map<Locale, Translation> translations;
            if (translationCount == 1) {
                Translation t = readTranslation(in, base, seen);
                translations = Map.of(t.locale(), t);
            } else {
                translations = new HashMap<>(translationCount * 2);
                for (int i = 0; i < translationCount; i++) {
                    Translation t = readTranslation(in, base, seen);
                    translations.put(t.locale(), t);
                }
            }
            if (in.pos != length) {
                throw new IllegalStateException((length - in.pos) + " bytes follow the article");
            }
            return new Article(id, version, category, type, owner, tags, attributes, visibility, sourceLocale,
                    reviewInterval, verifiedAt, verifiedBy, reviewDueAt, createdAt, updatedAt, translations);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the compact state of " + id + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private Translation readTranslation(In in, long base, Interner.Instants seen) {
        Locale locale = readLocale(in);
        int head = in.count();
        TranslationState state = Checkpoint.state(head & 7);
        int latest = in.count();
        Integer published = (head & T_PUBLISHED_REVISION) != 0 ? in.count() : null;
        Instant publishedAt = (head & T_PUBLISHED_AT) != 0 ? readInstant(in, base, seen) : null;
        String submittedBy = (head & T_SUBMITTED_BY) != 0 ? readString(in, strings) : null;
        Integer from = (head & T_TRANSLATED_FROM) != 0 ? in.count() : null;
        Instant publishAt = (head & T_PUBLISH_AT) != 0 ? readInstant(in, base, seen) : null;
        Instant archiveAt = (head & T_ARCHIVE_AT) != 0 ? readInstant(in, base, seen) : null;
        Instant updatedAt = readInstant(in, base, seen);
        return new Translation(locale, state, latest, published, from, publishAt, archiveAt, submittedBy,
                publishedAt, updatedAt);
    }

    private static String readString(In in, Dictionary<String> d) {
        long r = in.varlong();
        return (r & 1) == 0 ? d.get(index(r)) : in.utf8();
    }

    private CategoryPath readCategory(In in) {
        long r = in.varlong();
        if ((r & 1) == 0) {
            return categories.get(index(r));
        }
        int n = in.count();
        List<String> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            segments.add(readString(in, strings));
        }
        return new CategoryPath(segments);
    }

    private ArticleType readType(In in) {
        long r = in.varlong();
        return (r & 1) == 0 ? types.get(index(r)) : ArticleType.of(in.utf8());
    }

    private Visibility readVisibility(In in) {
        long r = in.varlong();
        if ((r & 1) == 0) {
            return visibilities.get(index(r));
        }
        Audience audience = Checkpoint.audience(in.count());
        int n = in.count();
        String[] segments = new String[n];
        for (int i = 0; i < n; i++) {
            segments[i] = readString(in, strings);
        }
        return new Visibility(audience, Set.of(segments));
    }

    private Locale readLocale(In in) {
        long r = in.varlong();
        return (r & 1) == 0 ? locales.get(index(r)) : Locale.forLanguageTag(in.utf8());
    }

    private static int index(long ref) {
        long i = ref >>> 1;
        if (i > Integer.MAX_VALUE) {
            throw new IllegalStateException("dictionary index out of range: " + i);
        }
        return (int) i;
    }

    private static Instant readInstant(In in, long base, Interner.Instants seen) {
        long v = in.varlong();
        long seconds = base + unzigzag(v >>> 1);
        int nanos = (v & 1) != 0 ? in.nanos() : 0;
        return seen.of(seconds, nanos);
    }

    /** How many values each dictionary holds, for tests and measurements. */
    String dictionarySizes() {
        return "strings=" + strings.size() + " attributeValues=" + attributeValues.size() + " categories="
                + categories.size() + " types=" + types.size() + " visibilities=" + visibilities.size()
                + " locales=" + locales.size();
    }

    /** A growing byte buffer of varints and strings. Not thread-safe. */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int n;

        void varint(long v) {
            if (n + 10 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + 10));
            }
            long x = v;
            while ((x & ~0x7FL) != 0) {
                buf[n++] = (byte) ((x & 0x7F) | 0x80);
                x >>>= 7;
            }
            buf[n++] = (byte) x;
        }

        void utf8(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            if (n + b.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + b.length));
            }
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    /** Reads what {@link Out} wrote. Not thread-safe. */
    private static final class In {
        private final byte[] b;
        private final int end;
        private int pos;

        In(byte[] b, int end) {
            if (end < 0 || end > b.length) {
                throw new IllegalArgumentException("length " + end + " out of range");
            }
            this.b = b;
            this.end = end;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("the bytes end inside a number");
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("a number is longer than 10 bytes");
        }

        /** A non-negative int (a count, a revision, a code). */
        int count() {
            long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("a count is out of range: " + v);
            }
            return (int) v;
        }

        int nanos() {
            int v = count();
            if (v > 999_999_999) {
                throw new IllegalStateException("nanoseconds out of range: " + v);
            }
            return v;
        }

        String utf8() {
            int len = count();
            if (len > end - pos) {
                throw new IllegalStateException("a string runs past the end");
            }
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
