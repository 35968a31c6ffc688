package dev.savoir.kb.internal.analytics;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The normalized form of a query, under which analytics groups searches: "Réinitialiser  MOT-de-passe!" → "reinitialiser mot de passe". */
public final class QueryNormalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    static final int MAX = 200;

    private QueryNormalizer() {
    }

    public static String normalize(String query) {
        String q = query.length() > 4 * MAX ? query.substring(0, 4 * MAX) : query;
        q = MARKS.matcher(Normalizer.normalize(q, Normalizer.Form.NFKD)).replaceAll("");
        q = NON_WORD.matcher(q.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return q.length() > MAX ? q.substring(0, MAX).strip() : q;
    }
}
