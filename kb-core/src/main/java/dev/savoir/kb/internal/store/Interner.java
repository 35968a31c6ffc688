package dev.savoir.kb.internal.store;

import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Shares the values that repeat across a store's entries (locales, locale lists) and parses the category paths and
 * types of a checkpoint once per distinct value. Article states themselves are compact ({@link ArticleCodec}, whose
 * dictionaries share their values). Thread-safe.
 *
 * <p>Each kind holds at most {@link #MAX_PER_KIND} distinct values; past that, new values are kept as they come (a
 * store whose values never repeat gains nothing from sharing them, and must not grow a table without bound).
 */
final class Interner {
    /** The most distinct values kept per kind. */
    static final int MAX_PER_KIND = 1 << 16;

    private final ConcurrentHashMap<String, CategoryPath> categories = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ArticleType> types = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Locale> localeTags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Locale, Locale> locales = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<Locale>, Locale[]> localeLists = new ConcurrentHashMap<>();

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

    /** A shared array holding {@code list}; callers never modify it. */
    Locale[] localeList(List<Locale> list) {
        return shared(localeLists, list, l -> l.toArray(new Locale[0]));
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
