package dev.savoir.kb.lucene.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The per-segment cache of typo expansions: the same terms and similarities as an uncached enumeration, computed once
 * per segment and word, bounded, and released with the segment.
 */
class FuzzyExpansionsTest {
    private static final String LETTERS = "abcde";

    @Test
    void cachedExpansionsEqualUncachedOnes_andAreComputedOncePerSegment() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        PartitionStats stats = new PartitionStats(new BM25Similarity());
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                     .setMaxBufferedDocs(200))) {
            for (int i = 0; i < 1_000; i++) {
                Document d = new Document();
                d.add(new StringField("id", "d" + i, Field.Store.NO));
                d.add(new TextField("text", word(r) + " " + word(r) + " " + word(r), Field.Store.NO));
                w.addDocument(d);
            }
            // deletions leave a segment's terms, hence its expansions, unchanged
            w.deleteDocuments(new Term("id", "d3"), new Term("id", "d404"));
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(3);
                FuzzyExpansions cache = stats.fuzzy();
                Map<String, FuzzyExpansions.Expansion> first = new HashMap<>();
                for (int round = 0; round < 2; round++) {
                    for (String text : List.of("abcd", "eeee", "zzzz", "abcdeab")) {
                        for (int edits = 1; edits <= 2; edits++) {
                            Term t = new Term("text", text);
                            FuzzyExpansions.Key key = new FuzzyExpansions.Key("text", text, edits, 1);
                            int e = edits;
                            for (LeafReaderContext leaf : reader.leaves()) {
                                AtomicInteger computed = new AtomicInteger();
                                FuzzyExpansions.Expansion got = cache.of(leaf, key, terms -> {
                                    computed.incrementAndGet();
                                    return new SegmentFuzzy(t, e, 1, new AttributeSource()).terms(terms);
                                });
                                List<String> expected = uncached(leaf, t, edits);
                                boolean cacheable = expected.size() <= FuzzyExpansions.MAX_TERMS;
                                // a dictionary this small is read under the prefix: the automata are never built
                                assertThat(computed.get()).isZero();
                                assertThat(describe(got)).isEqualTo(expected);
                                String slot = leaf.ord + "/" + text + "/" + edits;
                                if (round == 0) {
                                    first.put(slot, got);
                                } else if (cacheable) {
                                    // the first round's expansion, from the cache
                                    assertThat(got).isSameAs(first.get(slot));
                                } else {
                                    assertThat(got).isNotSameAs(first.get(slot));
                                }
                            }
                        }
                    }
                }
                // the searcher's lookups give the same candidates from a warm cache as from a cold one
                Partition all = new Partition("all", new MatchAllDocsQuery(), false, 0);
                PartitionSearcher warm = stats.searcher(reader, all);
                PartitionSearcher cold = new PartitionStats(new BM25Similarity()).searcher(reader, all);
                for (String text : List.of("abcd", "bbbbb", "abcdeab")) {
                    Term t = new Term("text", text);
                    assertThat(warm.similar(t, 2, 1, 0f, 1, 10)).isEqualTo(cold.similar(t, 2, 1, 0f, 1, 10))
                            .isNotEmpty();
                }
                assertThat(cache.cache().segments()).isEqualTo(reader.leaves().size());
            }
            w.forceMerge(1);
            try (DirectoryReader merged = DirectoryReader.open(w)) {
                stats.searcher(merged, new Partition("all", new MatchAllDocsQuery(), false, 0))
                        .similar(new Term("text", "abcd"), 1, 1, 0f, 1, 10);
                // the old segments were closed with their reader: only the merged one is held
                assertThat(stats.fuzzy().cache().segments()).isEqualTo(1);
            }
        }
        assertThat(stats.fuzzy().cache().segments()).isZero();
    }

    @Test
    void segmentCacheKeepsTheMostRecentlyUsedEntriesUpToItsBound() throws IOException {
        SegmentCache<Integer, String> cache = new SegmentCache<>(3);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                     .setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (String text : List.of("a b", "c d")) {
                Document d = new Document();
                d.add(new TextField("text", text, Field.Store.NO));
                w.addDocument(d);
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                LeafReaderContext leaf = reader.leaves().getFirst();
                cache.put(leaf, 1, "one");
                cache.put(leaf, 2, "two");
                cache.put(leaf, 3, "three");
                assertThat(cache.get(leaf, 1)).isEqualTo("one"); // 1 is now the most recently used
                cache.put(leaf, 4, "four");
                assertThat(cache.size(leaf)).isEqualTo(3);
                assertThat(cache.get(leaf, 2)).isNull();
                assertThat(cache.get(leaf, 1)).isEqualTo("one");
                assertThat(cache.get(leaf, 4)).isEqualTo("four");
                // a reader opened after a deletion shares the core, hence the entries
                w.deleteDocuments(new TermQuery(new Term("text", "a")));
                w.commit();
                try (DirectoryReader after = DirectoryReader.openIfChanged(reader)) {
                    assertThat(after).isNotNull();
                    assertThat(cache.get(after.leaves().getFirst(), 4)).isEqualTo("four");
                }
            }
        }
        assertThat(cache.segments()).isZero();
        assertThatThrownBy(() -> new SegmentCache<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String word(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = 3 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    /** The terms and similarities of a fresh fuzzy enumeration of the segment, without any cache. */
    private static List<String> uncached(LeafReaderContext leaf, Term t, int edits) throws IOException {
        List<String> out = new ArrayList<>();
        Terms terms = leaf.reader().terms(t.field());
        TermsEnum e = new SegmentFuzzy(t, edits, 1, new AttributeSource()).terms(terms);
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
