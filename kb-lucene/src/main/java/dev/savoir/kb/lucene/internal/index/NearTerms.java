package dev.savoir.kb.lucene.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.jspecify.annotations.Nullable;

/**
 * The terms of a segment near a word, found by reading the terms that share its prefix and computing the distance of
 * each: the same terms and similarities as Lucene's fuzzy enumeration with transpositions, whose Levenshtein automata
 * accept the terms within the edits by the restricted Damerau-Levenshtein distance (optimal string alignment: an
 * insertion, a deletion, a substitution or a swap of two neighbouring characters is one edit, and no character is
 * edited twice). Building those automata costs about 0.1-0.2 ms for one edit and 1-2 ms for two (measured on a 2-core
 * machine, Lucene 10.6), whatever the dictionary; reading a few thousand terms of a small knowledge base's dictionary
 * costs less. A dictionary whose terms under the prefix exceed a budget is left to the automata (the scan gives up
 * after the budget, so it never costs more than that). Stateless and thread-safe.
 */
final class NearTerms {
    /**
     * How many terms sharing the prefix are read at most, by edits (0, 1, 2): about what building the automata for
     * that many edits costs.
     */
    private static final int[] BUDGET = {0, 1_024, 8_192};
    /**
     * A dictionary of more terms than this many times the budget is left to the automata without trying: its prefix
     * range would likely exceed the budget, and the terms read before giving up would be wasted.
     */
    private static final int DICTIONARY_PER_BUDGET = 24;

    private NearTerms() {
    }

    /**
     * Whether a scan is worth trying for a segment's dictionary of {@code size} terms ({@code -1} when unknown) and
     * {@code maxEdits} edits.
     */
    static boolean worthTrying(long size, int maxEdits) {
        return maxEdits >= 1 && maxEdits <= LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE && size >= 0
                && size <= (long) BUDGET[maxEdits] * DICTIONARY_PER_BUDGET;
    }

    /**
     * The terms within {@code maxEdits} (1 or 2) of {@code text} sharing its first {@code prefix} code points, in term
     * order, each with the similarity Lucene's fuzzy enumeration gives it: 1 for the text itself, else
     * {@code 1 - edits / min(code points of the term, code points of the text)}. {@code null} when more than the
     * budget of terms share the prefix: the caller enumerates with the automata instead.
     */
    static FuzzyExpansions.@Nullable Expansion scan(Terms terms, String text, int maxEdits, int prefix)
            throws IOException {
        return scan(terms, text, maxEdits, prefix, BUDGET[maxEdits]);
    }

    /** As {@link #scan(Terms, String, int, int)}, giving up beyond {@code budget} terms under the prefix. */
    static FuzzyExpansions.@Nullable Expansion scan(Terms terms, String text, int maxEdits, int prefix, int budget)
            throws IOException {
        if (maxEdits < 1 || maxEdits > LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE || prefix < 0
                || prefix >= text.length()) {
            throw new IllegalArgumentException("a scan needs 1 or 2 edits and a prefix shorter than the text: "
                    + maxEdits + " edits, prefix " + prefix + ", text of " + text.length() + " chars");
        }
        int[] word = text.codePoints().toArray();
        int kept = Math.min(prefix, word.length);
        BytesRef start = new BytesRef(new String(word, 0, kept));
        int[] pattern = new int[word.length - kept];
        System.arraycopy(word, kept, pattern, 0, pattern.length);
        Distance distance = new Distance(pattern, maxEdits);
        BytesRef exact = new BytesRef(text);

        List<BytesRef> found = new ArrayList<>();
        List<Float> boosts = new ArrayList<>();
        TermsEnum e = terms.iterator();
        if (e.seekCeil(start) == TermsEnum.SeekStatus.END) {
            return FuzzyExpansions.Expansion.of(found, boosts);
        }
        int read = 0;
        for (BytesRef t = e.term(); t != null && startsWith(t, start); t = e.next()) {
            if (++read > budget) {
                return null;
            }
            int ed = distance.to(t, start.length);
            if (ed > maxEdits) {
                continue;
            }
            found.add(BytesRef.deepCopyOf(t));
            if (ed == 0 && t.bytesEquals(exact)) {
                boosts.add(1f);
            } else {
                int min = Math.min(codePoints(t), word.length);
                boosts.add(1.0f - (float) ed / (float) min);
            }
        }
        return FuzzyExpansions.Expansion.of(found, boosts);
    }

    private static boolean startsWith(BytesRef t, BytesRef start) {
        if (t.length < start.length) {
            return false;
        }
        for (int i = 0; i < start.length; i++) {
            if (t.bytes[t.offset + i] != start.bytes[start.offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int codePoints(BytesRef t) {
        int n = 0;
        for (int i = t.offset, end = t.offset + t.length; i < end; i++) {
            if ((t.bytes[i] & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /**
     * The restricted Damerau-Levenshtein distance of one pattern to many terms, bounded: any distance above the
     * bound is reported as the bound plus one, and a term is abandoned as soon as every alignment exceeds it.
     * Holds buffers reused from term to term; not thread-safe.
     */
    static final class Distance {
        private final int[] pattern;
        private final int bound;
        private int[] text = new int[16];
        private int[] before = new int[17];
        private int[] previous = new int[17];
        private int[] current = new int[17];

        /** The distances to {@code pattern} (code points), bounded by {@code bound}. */
        Distance(int[] pattern, int bound) {
            this.pattern = pattern;
            this.bound = bound;
        }

        /**
         * The distance from the pattern to the code points of {@code term} after its first {@code skip} bytes, or
         * {@code bound + 1} when it is larger than the bound (or the bytes are not UTF-8).
         */
        int to(BytesRef term, int skip) {
            int count = 0;
            for (int i = term.offset + skip, end = term.offset + term.length; i < end; i++) {
                if ((term.bytes[i] & 0xC0) != 0x80) {
                    count++;
                }
            }
            if (Math.abs(count - pattern.length) > bound) {
                return bound + 1;
            }
            int n = decode(term, skip);
            return n < 0 ? bound + 1 : distance(n);
        }

        /** The distance from the pattern to {@code text} (code points), bounded. */
        int to(int[] codePoints) {
            if (Math.abs(codePoints.length - pattern.length) > bound) {
                return bound + 1;
            }
            ensure(codePoints.length);
            System.arraycopy(codePoints, 0, text, 0, codePoints.length);
            return distance(codePoints.length);
        }

        private int distance(int n) {
            int m = pattern.length;
            int over = bound + 1;
            if (m == 0 || n == 0) {
                return Math.min(Math.max(m, n), over);
            }
            int[] b = before;
            int[] p = previous;
            int[] c = current;
            for (int j = 0; j <= n; j++) {
                p[j] = Math.min(j, over);
            }
            for (int i = 1; i <= m; i++) {
                int pc = pattern[i - 1];
                int from = Math.max(1, i - bound);
                int to = Math.min(n, i + bound);
                c[0] = Math.min(i, over);
                if (from > 1) {
                    c[from - 1] = over;
                }
                int rowMin = from == 1 ? c[0] : over;
                for (int j = from; j <= to; j++) {
                    int tc = text[j - 1];
                    int d = p[j - 1] + (pc == tc ? 0 : 1);
                    int del = p[j] + 1;
                    if (del < d) {
                        d = del;
                    }
                    int ins = c[j - 1] + 1;
                    if (ins < d) {
                        d = ins;
                    }
                    if (i > 1 && j > 1 && pc == text[j - 2] && pattern[i - 2] == tc) {
                        int swap = b[j - 2] + 1;
                        if (swap < d) {
                            d = swap;
                        }
                    }
                    if (d > over) {
                        d = over;
                    }
                    c[j] = d;
                    if (d < rowMin) {
                        rowMin = d;
                    }
                }
                if (to < n) {
                    c[to + 1] = over;
                }
                if (rowMin > bound) {
                    return over;
                }
                int[] r = b;
                b = p;
                p = c;
                c = r;
            }
            before = b;
            previous = p;
            current = c;
            return Math.min(p[n], over);
        }

        /** Decodes the UTF-8 bytes of {@code term} after {@code skip} into {@link #text}; -1 when they are invalid. */
        private int decode(BytesRef term, int skip) {
            int i = term.offset + skip;
            int end = term.offset + term.length;
            byte[] bs = term.bytes;
            int n = 0;
            ensure(term.length - skip);
            while (i < end) {
                int b = bs[i++] & 0xFF;
                int cp;
                int more;
                if (b < 0x80) {
                    cp = b;
                    more = 0;
                } else if (b >= 0xC2 && b < 0xE0) {
                    cp = b & 0x1F;
                    more = 1;
                } else if (b >= 0xE0 && b < 0xF0) {
                    cp = b & 0x0F;
                    more = 2;
                } else if (b >= 0xF0 && b < 0xF5) {
                    cp = b & 0x07;
                    more = 3;
                } else {
                    return -1;
                }
                if (i + more > end) {
                    return -1;
                }
                for (int k = 0; k < more; k++) {
                    int x = bs[i++] & 0xFF;
                    if ((x & 0xC0) != 0x80) {
                        return -1;
                    }
                    cp = (cp << 6) | (x & 0x3F);
                }
                text[n++] = cp;
            }
            return n;
        }

        private void ensure(int n) {
            if (text.length < n) {
                int size = Math.max(n, text.length * 2);
                text = new int[size];
                before = new int[size + 1];
                previous = new int[size + 1];
                current = new int[size + 1];
            }
        }
    }
}
