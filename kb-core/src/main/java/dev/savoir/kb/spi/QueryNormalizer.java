package dev.savoir.kb.spi;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one normalized form of a query, shared by analytics (which groups searches under it), promotion rules (which
 * match it) and popular-query suggestions: compatibility-decomposed (NFKD), accents removed, lower case, every run
 * of characters that are neither letters nor digits turned into one space, at most {@value #MAX_CHARS} characters.
 * {@code "Réinitialiser  MOT-de-passe!"} becomes {@code "reinitialiser mot de passe"}, so a promotion rule written
 * from a knowledge-gap query always matches the searches it came from.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QueryNormalizer {
    /** The longest normalized query; longer ones are cut. */
    public static final int MAX_CHARS = 200;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private QueryNormalizer() {
    }

    /** The normalized form of {@code query}. */
    public static String normalize(String query) {
        String q = query.length() > 4 * MAX_CHARS ? query.substring(0, 4 * MAX_CHARS) : query;
        q = MARKS.matcher(Normalizer.normalize(q, Normalizer.Form.NFKD)).replaceAll("");
        q = NON_WORD.matcher(q.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return q.length() > MAX_CHARS ? q.substring(0, MAX_CHARS).strip() : q;
    }
}
