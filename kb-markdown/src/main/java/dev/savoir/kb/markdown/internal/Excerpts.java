package dev.savoir.kb.markdown.internal;

import java.time.Duration;

/** Excerpts cut at a word boundary, word counts and reading times of plain text. */
public final class Excerpts {
    /** Words per minute of an average reader of support articles. */
    public static final int WORDS_PER_MINUTE = 200;
    private static final String ELLIPSIS = "…";

    private Excerpts() {
    }

    /**
     * At most {@code max} characters of the text on one line, cut after a whole word and ended with an ellipsis when
     * something was cut. {@code max} is at least 1 (checked by the caller).
     */
    public static String excerpt(String text, int max) {
        String flat = Analyzer.normalize(text.replace('\n', ' '));
        if (flat.length() <= max) {
            return flat;
        }
        int limit = max - ELLIPSIS.length();
        int cut = -1;
        for (int i = Math.min(limit, flat.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(flat.charAt(i))) {
                cut = i;
                break;
            }
        }
        if (cut <= 0) {
            // one very long word: cut inside it, never between the halves of a surrogate pair
            cut = Math.max(0, limit);
            if (cut > 0 && Character.isHighSurrogate(flat.charAt(cut - 1))) {
                cut--;
            }
        }
        String head = flat.substring(0, cut).stripTrailing();
        while (!head.isEmpty() && isTrailingPunctuation(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head + ELLIPSIS;
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == ',' || c == ';' || c == ':' || c == '-' || c == '(' || c == '—' || c == '–';
    }

    /** The number of whitespace-separated words. */
    public static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** Whole minutes at {@link #WORDS_PER_MINUTE}, rounded up; zero only for a text without words. */
    public static Duration readingTime(int words) {
        return Duration.ofMinutes((words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }
}
