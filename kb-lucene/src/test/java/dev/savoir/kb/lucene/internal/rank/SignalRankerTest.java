package dev.savoir.kb.lucene.internal.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.search.SynonymProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link SignalRanker} must return exactly what the plain plan returns (the text query wrapped in a function score
 * of the signals, every match scored, ties in article id order): the same documents, scores and order, ties
 * included, while skipping.
 */
class SignalRankerTest {
    private static final String[] WORDS = {"password", "reset", "invoice", "refund", "login", "export", "order",
        "account", "billing", "delivery", "email", "sync", "webhook", "token", "plan", "seat"};
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void sameHitsScoresAndOrderAsTheFunctionScorePlan() throws IOException {
        for (long seed : new long[] {1, 2, 3}) {
            SplittableRandom r = new SplittableRandom(seed);
            try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
                index(dir, r, 4_000);
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setQueryCache(null);
                    int queries = 0;
                    for (int i = 0; i < 150; i++) {
                        Query q = randomQuery(r);
                        Map<String, Float> promoted = new HashMap<>();
                        if (r.nextInt(4) == 0) {
                            promoted.put("d" + r.nextInt(4_000), 1f + r.nextInt(4));
                        }
                        Signals sig = new Signals(options(r), NOW, r.nextBoolean(), promoted);
                        int k = 1 + r.nextInt(25);
                        // every match scored, ties in article id order (d10 before d2: not the document order)
                        TopDocs expected = searcher.search(FunctionScoreQuery.boostByValue(q, sig), k,
                                new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID, SortField.Type.STRING)),
                                true);
                        for (int threshold : new int[] {0, 50, Integer.MAX_VALUE}) {
                            TopDocs actual = searcher.search(q, new SignalRanker(k, threshold, sig));
                            String what = "seed " + seed + ", query " + q + ", k " + k + ", threshold " + threshold;
                            assertThat(actual.scoreDocs).as(what).hasSameSizeAs(expected.scoreDocs);
                            for (int h = 0; h < expected.scoreDocs.length; h++) {
                                assertThat(actual.scoreDocs[h].doc).as(what + ", hit " + h)
                                        .isEqualTo(expected.scoreDocs[h].doc);
                                assertThat(actual.scoreDocs[h].score).as(what + ", hit " + h)
                                        .isEqualTo(expected.scoreDocs[h].score);
                            }
                            long exact = searcher.count(q);
                            if (actual.totalHits.relation() == TotalHits.Relation.EQUAL_TO) {
                                assertThat(actual.totalHits.value()).as(what).isEqualTo(exact);
                            } else {
                                assertThat(threshold).as(what).isNotEqualTo(Integer.MAX_VALUE);
                                assertThat(actual.totalHits.value()).as(what)
                                        .isBetween(Math.min(exact, threshold), exact);
                            }
                        }
                        queries++;
                    }
                    assertThat(queries).isEqualTo(150);
                }
            }
        }
    }

    @Test
    void broadQueriesAreNotScoredInFull() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            index(dir, r, 20_000);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Query q = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("all", "password")), Occur.SHOULD)
                        .add(new TermQuery(new Term("all", "webhook")), Occur.SHOULD).build();
                Signals sig = new Signals(options(r), NOW, false, Map.of());
                long matches = searcher.count(q);
                TopDocs pruned = searcher.search(q, new SignalRanker(10, 0, sig));
                assertThat(pruned.totalHits.relation()).isEqualTo(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO);
                assertThat(pruned.totalHits.value()).as("documents visited of %d matches", matches)
                        .isLessThan(matches / 2);
            }
        }
    }

    private static EngineOptions options(SplittableRandom r) {
        return new EngineOptions(0.35f, 0.25f, 0.15f, 0.1f, 0.7f, true, 0.4f, 2, 1.2f, 0.75f,
                r.nextDouble(0, 1), r.nextDouble(0, 0.5), r.nextDouble(0, 0.3), r.nextBoolean() ? 0.5 : 1.5,
                Duration.ofDays(30), Duration.ofDays(365), SynonymProvider.NONE, List::of, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1);
    }

    private static void index(ByteBuffersDirectory dir, SplittableRandom r, int docs) throws IOException {
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                .setMaxBufferedDocs(docs / 4 + 1))) {
            for (int i = 0; i < docs; i++) {
                Document d = new Document();
                String id = "d" + i;
                d.add(new StringField(Fields.ID, id, Field.Store.NO));
                d.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
                // Short, repetitive texts: many equal scores, so ties and their order are exercised.
                List<String> words = new ArrayList<>();
                int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 4);
                for (int j = 0; j < n; j++) {
                    words.add(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(r.nextGaussian()) * 4)]);
                }
                d.add(new TextField("all", String.join(" ", words), Field.Store.NO));
                if (r.nextInt(3) == 0) {
                    d.add(new NumericDocValuesField(Fields.UP, r.nextInt(50)));
                    d.add(new NumericDocValuesField(Fields.DOWN, r.nextInt(50)));
                }
                if (r.nextInt(2) == 0) {
                    d.add(new NumericDocValuesField(Fields.VIEWS, r.nextInt(100_000)));
                    d.add(new NumericDocValuesField(Fields.VIEWS_AT, NOW - r.nextLong(200 * DAY)));
                }
                d.add(new NumericDocValuesField(Fields.PUBLISHED_AT, NOW - r.nextLong(1_000 * DAY)));
                d.add(new NumericDocValuesField(Fields.DUE, NOW + r.nextLong(-100 * DAY, 300 * DAY)));
                w.addDocument(d);
            }
        }
    }

    private static Query randomQuery(SplittableRandom r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int terms = 1 + r.nextInt(4);
        for (int i = 0; i < terms; i++) {
            Query t = new TermQuery(new Term("all", WORDS[r.nextInt(WORDS.length)]));
            b.add(r.nextBoolean() ? t : new BoostQuery(t, 0.1f + r.nextInt(20) / 10f), Occur.SHOULD);
        }
        if (r.nextInt(3) == 0) {
            b.add(new BoostQuery(new PhraseQuery("all", WORDS[r.nextInt(4)], WORDS[r.nextInt(4)]), 0.1f),
                    Occur.SHOULD);
        }
        Query text = b.build();
        if (r.nextInt(3) == 0) {
            return new BooleanQuery.Builder().add(text, Occur.MUST)
                    .add(new TermQuery(new Term("all", WORDS[r.nextInt(3)])), Occur.FILTER).build();
        }
        return text;
    }
}
