package dev.savoir.kb.search;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Host-provided synonyms, asked at every search, so that they can change at runtime without a reindex. Must be
 * thread-safe and fast (cache in the host).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface SynonymProvider {
    /** No synonyms. */
    SynonymProvider NONE = (locale, word) -> List.of();

    /**
     * The synonyms of a word typed by a user (lower case) in a language; each synonym may be several words, which
     * then match as a phrase.
     */
    List<String> synonyms(Locale locale, String word);
}
