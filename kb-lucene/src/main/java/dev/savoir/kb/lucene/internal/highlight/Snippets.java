package dev.savoir.kb.lucene.internal.highlight;

import dev.savoir.kb.lucene.internal.SearchIndexFailure;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/** Plain-text snippets around the densest cluster of matched words, with highlight ranges. */
public final class Snippets {
    static final int WINDOW = 200;
    private static final int ANALYZED_CHARS = 10_000;
    private static final int MAX_MATCHES = 16;

    private Snippets() {
    }

    public record Snippet(String text, List<SearchHit.Highlight> highlights, boolean matched) {
    }

    /**
     * Where the query's analyzed terms (or near spellings of the fuzzy ones) occur in a text, analysing its first
     * {@value #ANALYZED_CHARS} characters; chosen as {@link #select} does.
     */
    public static List<int[]> matches(Analyzer analyzer, String field, String text, Set<String> terms, Set<String> fuzzy) {
        List<int[]> all = new ArrayList<>();
        if (terms.isEmpty() && fuzzy.isEmpty()) {
            return all;
        }
        String t = text.length() > ANALYZED_CHARS ? text.substring(0, ANALYZED_CHARS) : text;
        try (TokenStream ts = analyzer.tokenStream(field, t)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String s = term.toString();
                boolean hit = terms.contains(s);
                if (!hit) {
                    for (String f : fuzzy) {
                        if (withinEdits(f, s, f.length() >= 8 ? 2 : 1)) {
                            hit = true;
                            break;
                        }
                    }
                }
                if (hit) {
                    all.add(new int[] {off.startOffset(), off.endOffset(), s.hashCode()});
                }
            }
            ts.end();
        } catch (IOException e) {
            throw SearchIndexFailure.of("analysing a snippet", e);
        }
        return select(all, terms.size() + fuzzy.size());
    }

    /**
     * The matches a snippet is chosen among, from all of them ({start, end, term hash}): in text order, one per
     * place, at most {@value #MAX_MATCHES}, and none beyond the first one's window once {@code wanted} distinct terms
     * were found.
     */
    private static List<int[]> select(List<int[]> all, int wanted) {
        all.sort(Comparator.comparingInt((int[] m) -> m[0]).thenComparingInt(m -> m[1]));
        List<int[]> out = new ArrayList<>();
        Set<Integer> distinct = new HashSet<>();
        for (int[] m : all) {
            if (!out.isEmpty() && m[0] > out.getFirst()[0] + WINDOW && distinct.size() >= wanted) {
                break;
            }
            if (!out.isEmpty() && out.getLast()[0] == m[0]) {
                continue; // two terms at one place (a word and its typo expansion, say): one highlight
            }
            out.add(m);
            distinct.add(m[2]);
            if (out.size() >= MAX_MATCHES) {
                break;
            }
        }
        return out;
    }

    /**
     * Where the terms occur in {@code [from, to)} of a document's field, read from the character offsets its postings
     * hold, relative to {@code from}, chosen as {@link #select} does. The field's postings must hold offsets
     * ({@link #hasOffsets}).
     */
    static List<int[]> matches(LeafReader leaf, int doc, String field, Set<String> terms, int wanted,
            int from, int to) throws IOException {
        List<int[]> all = new ArrayList<>();
        Terms t = leaf.terms(field);
        if (t == null || terms.isEmpty()) {
            return all;
        }
        TermsEnum te = t.iterator();
        for (String term : terms) {
            if (!te.seekExact(new BytesRef(term))) {
                continue;
            }
            PostingsEnum pe = te.postings(null, PostingsEnum.OFFSETS);
            if (pe.advance(doc) != doc) {
                continue;
            }
            int hash = term.hashCode();
            for (int i = 0, n = pe.freq(); i < n; i++) {
                pe.nextPosition();
                int start = pe.startOffset();
                int end = pe.endOffset();
                if (start >= from && end <= to) {
                    all.add(new int[] {start - from, end - from, hash});
                }
            }
        }
        return select(all, wanted);
    }

    /**
     * Whether the segment's postings of the field hold character offsets (the segments of an index written before
     * they did do not: their highlights are found by analysing the text).
     */
    static boolean hasOffsets(LeafReader leaf, String field) {
        FieldInfo info = leaf.getFieldInfos().fieldInfo(field);
        return info == null || info.getIndexOptions() == IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;
    }

    /** The snippet of {@code text} around the densest cluster of the query's terms, analysing the text. */
    public static Snippet of(Analyzer analyzer, String field, String text, Set<String> terms, Set<String> fuzzy) {
        return of(text, matches(analyzer, field, text, terms, fuzzy));
    }

    /** The snippet of {@code text} around the densest cluster of {@code m}, matches in text order. */
    static Snippet of(String text, List<int[]> m) {
        if (m.isEmpty()) {
            return new Snippet(lead(text), List.of(), false);
        }
        int best = 0;
        int bestCount = -1;
        for (int i = 0; i < m.size(); i++) {
            Set<Integer> distinct = new HashSet<>();
            int total = 0;
            for (int j = i; j < m.size() && m.get(j)[1] <= m.get(i)[0] + WINDOW - 40; j++) {
                distinct.add(m.get(j)[2]);
                total++;
            }
            int score = distinct.size() * 100 + total;
            if (score > bestCount) {
                bestCount = score;
                best = i;
            }
        }
        int anchor = m.get(best)[0];
        int start = Math.max(0, anchor - 40);
        if (start > 0) {
            int sp = text.indexOf(' ', start);
            start = sp >= 0 && sp < anchor ? sp + 1 : start;
        }
        int end = Math.min(text.length(), start + WINDOW);
        if (end < text.length()) {
            int sp = text.lastIndexOf(' ', end);
            if (sp > anchor) {
                end = sp;
            }
        }
        String prefix = start > 0 ? "…" : "";
        String suffix = end < text.length() ? "…" : "";
        String body = text.substring(start, end).replace('\n', ' ').replace('\r', ' ');
        List<SearchHit.Highlight> hl = new ArrayList<>();
        for (int[] x : m) {
            if (x[0] >= start && x[1] <= end) {
                hl.add(new SearchHit.Highlight(x[0] - start + prefix.length(), x[1] - start + prefix.length()));
            }
        }
        return new Snippet(prefix + body + suffix, hl, true);
    }

    static String lead(String text) {
        if (text.length() <= WINDOW) {
            return text.replace('\n', ' ').replace('\r', ' ');
        }
        int sp = text.lastIndexOf(' ', WINDOW);
        int end = sp > WINDOW / 2 ? sp : WINDOW;
        return text.substring(0, end).replace('\n', ' ').replace('\r', ' ') + "…";
    }

    /** Whether two strings are within {@code max} edits (bounded Levenshtein). */
    static boolean withinEdits(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return false;
        }
        // optimal string alignment: insertions, deletions, substitutions and adjacent transpositions, as Lucene's
        // fuzzy matching counts them
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
                }
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return false;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= max;
    }
}
