package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import dev.savoir.kb.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Shares the values that repeat across a store's articles (owners, tags, categories, types, visibilities, locales,
 * locale lists), so that a million articles in memory hold each distinct value once. Thread-safe.
 *
 * <p>Each kind holds at most {@link #MAX_PER_KIND} distinct values; past that, new values are kept as they come (a
 * store whose values never repeat gains nothing from sharing them, and must not grow a table without bound).
 */
final class Interner {
    /** The most distinct values kept per kind. */
    static final int MAX_PER_KIND = 1 << 16;

    private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
    /** Apart from the other strings: a host's own fields may hold a value per article, filling their table. */
    private final ConcurrentHashMap<String, String> attributeValues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CategoryPath> categories = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ArticleType> types = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Locale> localeTags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Locale, Locale> locales = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Visibility, Visibility> visibilities = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<Locale>, Locale[]> localeLists = new ConcurrentHashMap<>();

    /** The shared copy of {@code s}. */
    String string(String s) {
        return shared(strings, s, Function.identity());
    }

    /** The shared copy of an attribute value. */
    String attributeValue(String s) {
        return shared(attributeValues, s, Function.identity());
    }

    /** The shared copy of {@code s}, or {@code null}. */
    @Nullable String nullableString(@Nullable String s) {
        return s == null ? null : string(s);
    }

    /** The shared path written as {@code text} ({@link CategoryPath#toString()}); parsed once per distinct path. */
    CategoryPath category(String text) {
        return shared(categories, text, CategoryPath::parse);
    }

    /** The shared type named {@code name}. */
    ArticleType type(String name) {
        return shared(types, name, ArticleType::of);
    }

    /** The shared locale of a BCP 47 tag. */
    Locale locale(String tag) {
        return shared(localeTags, tag, t -> locale(Locale.forLanguageTag(t)));
    }

    /** The shared copy of {@code locale}. */
    Locale locale(Locale locale) {
        return shared(locales, locale, Function.identity());
    }

    /** The shared copy of {@code v}. */
    Visibility visibility(Visibility v) {
        if (v.equals(Visibility.PUBLIC)) {
            return Visibility.PUBLIC;
        }
        if (v.equals(Visibility.INTERNAL)) {
            return Visibility.INTERNAL;
        }
        return shared(visibilities, v, Function.identity());
    }

    /** A shared array holding {@code list}; callers never modify it. */
    Locale[] localeList(List<Locale> list) {
        return shared(localeLists, list, l -> l.toArray(new Locale[0]));
    }

    /** A set of shared tag strings (immutable). */
    Set<String> tags(Set<String> tags) {
        if (tags.isEmpty()) {
            return Set.of();
        }
        String[] out = new String[tags.size()];
        int i = 0;
        for (String t : tags) {
            out[i++] = string(t);
        }
        return Set.of(out);
    }

    /** An immutable map of shared keys and values. */
    Map<String, String> attributes(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(attributes.size() * 2);
        attributes.forEach((k, v) -> out.put(string(k), attributeValue(v)));
        return Map.copyOf(out);
    }

    /**
     * An article equal to {@code a} whose repeated values are shared, and whose equal instants are one object.
     * The article's id is kept as it is (it keys the store's map).
     */
    Article article(Article a) {
        Instants seen = new Instants();
        Map<Locale, Translation> translations = new LinkedHashMap<>();
        for (Translation t : a.translations().values()) {
            Locale l = locale(t.locale());
            translations.put(l, new Translation(l, t.state(), t.latestRevision(), t.publishedRevision(),
                    t.translatedFrom(), seen.of(t.scheduledPublishAt()), seen.of(t.scheduledArchiveAt()),
                    nullableString(t.submittedBy()), seen.of(t.publishedAt()), seen.of(t.updatedAt())));
        }
        return new Article(a.id(), a.version(), category(a.category().toString()), type(a.type().name()),
                string(a.owner()), tags(a.tags()), attributes(a.attributes()), visibility(a.visibility()),
                locale(a.sourceLocale()), a.reviewInterval(), seen.of(a.verifiedAt()), nullableString(a.verifiedBy()),
                seen.of(a.reviewDueAt()), seen.of(a.createdAt()), seen.of(a.updatedAt()), translations);
    }

    private static <K, V> V shared(ConcurrentHashMap<K, V> table, K key, Function<K, V> make) {
        V v = table.get(key);
        if (v != null) {
            return v;
        }
        if (table.size() >= MAX_PER_KIND) {
            return make.apply(key);
        }
        return table.computeIfAbsent(key, make);
    }

    /**
     * Makes equal instants of one article the same object (an article's created, updated and published times are
     * often one instant). Not thread-safe: one per article being built.
     */
    static final class Instants {
        private final Instant[] seen = new Instant[8];
        private int n;

        /** The instant equal to {@code at} already seen for this article, else {@code at} (remembered). */
        @Nullable Instant of(@Nullable Instant at) {
            if (at == null) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (seen[i].equals(at)) {
                    return seen[i];
                }
            }
            if (n < seen.length) {
                seen[n++] = at;
            }
            return at;
        }

        /** The instant of {@code epochSecond} and {@code nanos}, shared with an equal one already seen. */
        Instant of(long epochSecond, int nanos) {
            for (int i = 0; i < n; i++) {
                if (seen[i].getEpochSecond() == epochSecond && seen[i].getNano() == nanos) {
                    return seen[i];
                }
            }
            Instant at = Instant.ofEpochSecond(epochSecond, nanos);
            if (n < seen.length) {
                seen[n++] = at;
            }
            return at;
        }
    }
}
