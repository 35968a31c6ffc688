package dev.savoir.kb.lucene.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan of a dictionary under a word's prefix gives exactly the terms and similarities of Lucene's fuzzy
 * enumeration (the oracle: its Levenshtein automata with transpositions), and gives up beyond its budget.
 */
class NearTermsTest {
    /** Letters of one, two, three and four UTF-8 bytes (the last two code points are outside the BMP). */
    private static final int[] LETTERS = "abcdeéß中😀𝄞".codePoints().toArray();

    @TempDir
    Path dir;

    @Test
    void scanGivesTheTermsAndSimilaritiesOfLucenesFuzzyEnumeration() throws IOException {
        SplittableRandom r = new SplittableRandom(20261204);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            words.add(word(r, 1 + r.nextInt(9)));
        }
        try (FSDirectory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new WhitespaceAnalyzer())
                     .setMaxBufferedDocs(500))) {
            for (String word : words) {
                Document doc = new Document();
                doc.add(new StringField("t", word, Field.Store.NO));
                w.addDocument(doc);
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                int compared = 0;
                int nonEmpty = 0;
                for (int q = 0; q < 400; q++) {
                    String text = q % 2 == 0 ? mutate(r, words.get(r.nextInt(words.size()))) : word(r, 1 + r.nextInt(9));
                    int edits = 1 + r.nextInt(2);
                    int prefix = r.nextInt(3);
                    if (prefix >= text.length()) {
                        continue;
                    }
                    for (LeafReaderContext leaf : reader.leaves()) {
                        Terms terms = leaf.reader().terms("t");
                        List<String> expected = lucene(terms, new Term("t", text), edits, prefix);
                        FuzzyExpansions.Expansion got = NearTerms.scan(terms, text, edits, prefix, Integer.MAX_VALUE);
                        assertThat(got).isNotNull();
                        assertThat(describe(got)).as("%s within %d, prefix %d", text, edits, prefix)
                                .isEqualTo(expected);
                        compared++;
                        nonEmpty += expected.isEmpty() ? 0 : 1;
                    }
                }
                assertThat(compared).isGreaterThan(600);
                assertThat(nonEmpty).isGreaterThan(200);
            }
        }
    }

    @Test
    void distanceCountsASwapOfNeighboursAsOneEditAndNeverEditsACharacterTwice() {
        assertThat(distance("ca", "ac", 2)).isEqualTo(1);
        assertThat(distance("abc", "acb", 2)).isEqualTo(1);
        assertThat(distance("kitten", "sitting", 3)).isEqualTo(3);
        // optimal string alignment: "ca" to "abc" is 3 (the swapped pair cannot then take an insertion)
        assertThat(distance("ca", "abc", 3)).isEqualTo(3);
        assertThat(distance("ca", "abc", 2)).isEqualTo(3); // above the bound: bound + 1
        assertThat(distance("", "ab", 2)).isEqualTo(2);
        assertThat(distance("abcdef", "abcdef", 1)).isZero();
        assertThat(distance("😀a", "a😀", 1)).isEqualTo(1); // code points, not UTF-16 units
        assertThat(distance("abcdefgh", "ab", 2)).isEqualTo(3);
    }

    @Test
    void scanGivesUpBeyondItsBudgetAndRefusesWhatOnlyTheExactLookupAnswers() throws IOException {
        try (FSDirectory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            for (int i = 0; i < 50; i++) {
                Document doc = new Document();
                doc.add(new StringField("t", "b" + i, Field.Store.NO));
                w.addDocument(doc);
            }
            Document doc = new Document();
            doc.add(new StringField("t", "c1", Field.Store.NO));
            w.addDocument(doc);
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                Terms terms = reader.leaves().getFirst().reader().terms("t");
                assertThat(NearTerms.scan(terms, "b10", 1, 1, 50)).isNotNull();
                assertThat(NearTerms.scan(terms, "b10", 1, 1, 49)).isNull();
                // the budget counts only the terms under the prefix
                assertThat(describe(NearTerms.scan(terms, "c2", 1, 1, 1))).containsExactly("c1=0.5");
                assertThatThrownBy(() -> NearTerms.scan(terms, "b", 1, 1, 10))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
                assertThatThrownBy(() -> NearTerms.scan(terms, "b10", 3, 1, 10))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edits");
            }
        }
        assertThat(NearTerms.worthTrying(1_000, 2)).isTrue();
        assertThat(NearTerms.worthTrying(-1, 2)).isFalse();
        assertThat(NearTerms.worthTrying(1_000, 0)).isFalse();
        assertThat(NearTerms.worthTrying(10_000_000, 1)).isFalse();
    }

    @Test
    void expansionsOfALargeDictionaryOrAWidePrefixComeFromTheAutomataAndOfASmallOneFromTheScan() throws IOException {
        try (FSDirectory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < 30_000; i++) {
                Document doc = new Document();
                doc.add(new StringField("large", "a" + word(r, 6), Field.Store.NO));
                if (i < 300) {
                    doc.add(new StringField("small", "a" + word(r, 6), Field.Store.NO));
                }
                if (i < 3_000) {
                    // a dictionary small enough to try, but all of it under the prefix "a": beyond the budget
                    doc.add(new StringField("wide", "a" + word(r, 6), Field.Store.NO));
                }
                w.addDocument(doc);
            }
            w.forceMerge(1);
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                LeafReaderContext leaf = reader.leaves().getFirst();
                FuzzyExpansions cache = new PartitionStats(new BM25Similarity()).fuzzy();
                for (String field : List.of("large", "small", "wide")) {
                    for (String text : List.of("abcdab", "aedcba")) {
                        Term t = new Term(field, text);
                        AtomicInteger automata = new AtomicInteger();
                        FuzzyExpansions.Expansion got = cache.of(leaf,
                                new FuzzyExpansions.Key(field, t.text(), 1, 1), terms -> {
                                    automata.incrementAndGet();
                                    return new SegmentFuzzy(t, 1, 1, new AttributeSource()).terms(terms);
                                });
                        assertThat(automata.get()).as(field).isEqualTo(field.equals("small") ? 0 : 1);
                        assertThat(describe(got)).isEqualTo(lucene(leaf.reader().terms(field), t, 1, 1));
                    }
                }
                // the wide prefix was read once, then remembered as too wide
                assertThat(cache.wideRanges().size(leaf)).isEqualTo(1);
            }
        }
    }

    private static int distance(String pattern, String text, int bound) {
        return new NearTerms.Distance(pattern.codePoints().toArray(), bound).to(text.codePoints().toArray());
    }

    private static String word(SplittableRandom r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // mostly ASCII, so that words share prefixes and neighbours
            int c = r.nextInt(10) < 7 ? LETTERS[r.nextInt(5)] : LETTERS[r.nextInt(LETTERS.length)];
            b.appendCodePoint(c);
        }
        return b.toString();
    }

    /** A word a few random edits (substitutions, insertions, deletions, swaps) away from {@code w}. */
    private static String mutate(SplittableRandom r, String w) {
        List<Integer> cps = new ArrayList<>(w.codePoints().boxed().toList());
        int edits = r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int i = cps.isEmpty() ? 0 : r.nextInt(cps.size());
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (!cps.isEmpty()) {
                        cps.set(i, LETTERS[r.nextInt(LETTERS.length)]);
                    }
                }
                case 1 -> cps.add(i, LETTERS[r.nextInt(LETTERS.length)]);
                case 2 -> {
                    if (cps.size() > 1) {
                        cps.remove(i);
                    }
                }
                default -> {
                    if (i + 1 < cps.size()) {
                        cps.set(i, cps.set(i + 1, cps.get(i)));
                    }
                }
            }
        }
        StringBuilder b = new StringBuilder();
        cps.forEach(b::appendCodePoint);
        return b.isEmpty() ? "a" : b.toString();
    }

    /** What Lucene's fuzzy enumeration gives (the oracle). */
    private static List<String> lucene(Terms terms, Term t, int edits, int prefix) throws IOException {
        List<String> out = new ArrayList<>();
        TermsEnum e = new SegmentFuzzy(t, edits, prefix, new AttributeSource()).terms(terms);
        for (BytesRef b = e.next(); b != null; b = e.next()) {
            out.add(b.utf8ToString() + "=" + SegmentFuzzy.boost(e));
        }
        return out;
    }

    private static List<String> describe(FuzzyExpansions.Expansion e) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            out.add(e.terms()[i].utf8ToString() + "=" + e.boosts()[i]);
        }
        return out;
    }
}
