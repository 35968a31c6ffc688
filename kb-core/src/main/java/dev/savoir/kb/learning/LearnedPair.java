package dev.savoir.kb.learning;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.learning.Vocabulary;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A pair of query words learned from searches: in {@code language}, {@code from} is searched as {@code to} (a
 * {@link PairKind#SYNONYM synonym} adds it, a {@link PairKind#CORRECTION correction} replaces it).
 *
 * <p>Both texts are in the normalized form of the search log (lower case, no accents, no punctuation; 1 to
 * {@value #MAX_WORDS} words, at most {@value #MAX_CHARS} characters); the constructor normalizes what it is given,
 * so {@code "Bill"} and {@code "bill"} are one pair. The language is a language only ({@code en}, not
 * {@code en-GB}), the one the viewers searched in.
 *
 * @param kind what the pair does
 * @param language the viewers' language
 * @param from the words searched
 * @param to the words they mean
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record LearnedPair(PairKind kind, Locale language, String from, String to) {
    /** The most words of either side. */
    public static final int MAX_WORDS = Vocabulary.MAX_WORDS;
    /** The most characters of either side. */
    public static final int MAX_CHARS = Vocabulary.MAX_CHARS;

    public LearnedPair {
        Check.notNull("kind", kind);
        Check.notNull("language", language);
        if (language.getLanguage().isEmpty()) {
            throw new InvalidArgumentException("language", "must name a language, e.g. Locale.ENGLISH, got "
                    + language.toLanguageTag());
        }
        language = Locale.of(language.getLanguage());
        from = Vocabulary.checkText("from", from);
        to = Vocabulary.checkText("to", to);
        if (from.equals(to)) {
            throw new InvalidArgumentException("to", "is the same as from (\"" + from + "\"): a pair needs two "
                    + "different texts");
        }
    }

    /** A synonym pair. */
    public static LearnedPair synonym(Locale language, String from, String to) {
        return new LearnedPair(PairKind.SYNONYM, language, from, to);
    }

    /** A correction pair. */
    public static LearnedPair correction(Locale language, String from, String to) {
        return new LearnedPair(PairKind.CORRECTION, language, from, to);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + language.getLanguage() + ": \"" + from + "\" -> \"" + to
                + "\"";
    }
}
