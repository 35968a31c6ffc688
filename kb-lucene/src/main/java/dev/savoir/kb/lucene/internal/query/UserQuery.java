package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user typed, read with a tiny, total grammar: {@code "quoted phrase"}, {@code -excluded} (a word or a quoted
 * phrase), and words; every other character is text. Never fails: an unbalanced quote runs to the end.
 *
 * @param words the plain words, in order
 * @param phrases the quoted phrases
 * @param excluded the excluded words and phrases
 */
public record UserQuery(List<String> words, List<String> phrases, List<String> excluded) {
    /** The most characters read from a query: what the search request promises to read. */
    public static final int MAX_CHARS = SearchRequest.MAX_QUERY_LENGTH;
    /** The most words, phrases or exclusions kept (each). */
    public static final int MAX_PARTS = 32;

    public UserQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
    }

    /** Reads a query; never throws. */
    public static UserQuery parse(String text) {
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean exclude = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1)) && s.charAt(i + 1) != '-') {
                exclude = true;
                i++;
                c = s.charAt(i);
            }
            String part;
            boolean phrase = false;
            if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    end = n;
                }
                part = s.substring(i + 1, end);
                i = Math.min(n, end + 1);
                phrase = true;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                    end++;
                }
                part = s.substring(i, end);
                i = end;
            }
            if (part.isBlank()) {
                continue;
            }
            List<String> target = exclude ? excluded : phrase ? phrases : words;
            if (target.size() < MAX_PARTS) {
                target.add(part.strip());
            }
        }
        return new UserQuery(words, phrases, excluded);
    }

    /** Whether there is anything to match (exclusions alone do not count). */
    public boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }

    /** The words and phrases, in one string, for analysis. */
    public String positiveText() {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(w).append(' ');
        }
        for (String p : phrases) {
            sb.append(p).append(' ');
        }
        return sb.toString().strip();
    }
}
