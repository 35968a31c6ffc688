package dev.savoir.kb.lucene.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The cached accept bits match exactly what the plain conjunction matches, with the per-search parts (a cut that
 * moves with the instant, required filters, deletions) applied at each search, and they leave with their segment.
 */
class AcceptBitsTest {
    private static final Query STABLE = new BooleanQuery.Builder()
            .add(new TermQuery(new Term("kind", "psg")), Occur.FILTER)
            .add(new TermQuery(new Term("vis", "public")), Occur.FILTER).build();

    private static Set<String> ids(IndexSearcher s, Query q) throws IOException {
        Set<String> out = new HashSet<>();
        for (ScoreDoc sd : s.search(q, 10_000).scoreDocs) {
            out.add(s.storedFields().document(sd.doc).get("id"));
        }
        return out;
    }

    private static Query plain(long now, Query required) {
        return new BooleanQuery.Builder().add(STABLE, Occur.FILTER)
                .add(LongPoint.newRangeQuery("due", Long.MIN_VALUE, now), Occur.MUST_NOT)
                .add(required, Occur.FILTER).build();
    }

    @Test
    void acceptsExactlyThePlainConjunction_atEveryInstant_andForgetsClosedSegments() throws IOException {
        Random random = new Random(42);
        AcceptBits bits = new AcceptBits();
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
            for (int i = 0; i < 600; i++) {
                Document d = new Document();
                d.add(new StringField("id", "d" + i, Field.Store.YES));
                d.add(new StringField("kind", random.nextInt(4) == 0 ? "pub" : "psg", Field.Store.NO));
                d.add(new StringField("vis", random.nextBoolean() ? "public" : "internal", Field.Store.NO));
                d.add(new StringField("cat", "c" + random.nextInt(3), Field.Store.NO));
                d.add(new LongPoint("due", 1_000 + random.nextInt(1_000)));
                w.addDocument(d);
                if (i % 150 == 149) {
                    w.commit();
                }
            }
            Query cat = new TermQuery(new Term("cat", "c1"));
            try (DirectoryReader first = DirectoryReader.open(w)) {
                IndexSearcher s = new IndexSearcher(first);
                assertThat(first.leaves()).hasSizeGreaterThan(1);
                for (long now : new long[] {500, 1_200, 1_600, 2_500}) {
                    Query accept = bits.filter(STABLE, List.of(LongPoint.newRangeQuery("due", Long.MIN_VALUE, now)),
                            List.of(cat));
                    assertThat(ids(s, accept)).as("at %d", now).isEqualTo(ids(s, plain(now, cat)));
                }
                assertThat(bits.segments()).isEqualTo(first.leaves().size());

                w.deleteDocuments(new Term("id", "d1"), new Term("id", "d2"), new Term("id", "d3"));
                try (DirectoryReader second = DirectoryReader.openIfChanged(first, w)) {
                    IndexSearcher s2 = new IndexSearcher(second);
                    Query accept = bits.filter(STABLE, List.of(), List.of());
                    Set<String> expected = ids(s2, STABLE);
                    assertThat(ids(s2, accept)).isEqualTo(expected).doesNotContain("d1", "d2", "d3");
                }
            }
            w.forceMerge(1);
            try (DirectoryReader merged = DirectoryReader.open(w)) {
                IndexSearcher s = new IndexSearcher(merged);
                Query accept = bits.filter(STABLE, List.of(), List.of());
                assertThat(ids(s, accept)).isEqualTo(ids(s, STABLE));
            }
        }
        // every reader is closed, the writer's pooled ones too: no segment's bits are kept
        assertThat(bits.segments()).isZero();
    }
}
