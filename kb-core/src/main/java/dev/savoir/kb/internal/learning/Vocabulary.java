package dev.savoir.kb.internal.learning;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.privacy.PersonalData;
import dev.savoir.kb.spi.QueryNormalizer;
import org.jspecify.annotations.Nullable;

/** The rules of learned-vocabulary text: its normal form and limits, and what counts as a small edit (a typo). */
public final class Vocabulary {
    /** The most words of either side of a pair. */
    public static final int MAX_WORDS = 3;
    /** The most characters of either side of a pair. */
    public static final int MAX_CHARS = 60;

    private Vocabulary() {
    }

    /** {@code text} normalized, checked to be 1 to {@value #MAX_WORDS} words without personal data. */
    public static String checkText(String parameter, @Nullable String text) {
        Check.notNull(parameter, text);
        if (PersonalData.containsAny(text)) {
            throw new InvalidArgumentException(parameter, "looks like personal data (an e-mail address, a phone, "
                    + "card or account number...): learned vocabulary holds words, never what identifies someone");
        }
        String n = QueryNormalizer.normalize(text);
        if (n.isEmpty()) {
            throw new InvalidArgumentException(parameter, "has no word (letters or digits), got \"" + text + "\"");
        }
        if (n.length() > MAX_CHARS || n.split(" ").length > MAX_WORDS) {
            throw new InvalidArgumentException(parameter, "must be at most " + MAX_WORDS + " words and " + MAX_CHARS
                    + " characters, got \"" + n + "\"");
        }
        return n;
    }

    /**
     * Whether {@code a} and {@code b} are a small edit apart, as a typo and its correction: one edit (an insertion,
     * a deletion, a substitution or the swap of two neighbours) up to 4 characters, two from 5, and never more than
     * a third of the longer one.
     */
    public static boolean smallEdit(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        int allowed = Math.min(longer <= 4 ? 1 : 2, longer / 3);
        if (allowed < 1 || Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        int d = distance(a, b);
        return d >= 1 && d <= allowed;
    }

    /** The optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
