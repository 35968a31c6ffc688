package dev.savoir.kb.lucene.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Facet counts from the heap columns equal counts computed document by document; closed segments are dropped. */
class FacetColumnsTest {
    @Test
    void countsMatchAnOracle_andClosedSegmentsAreReleased() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        FacetColumns columns = new FacetColumns();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                     .setMaxBufferedDocs(300))) {
            Map<String, Long> expectedTags = new HashMap<>();
            Map<String, Long> expectedTypes = new HashMap<>();
            long expectedHits = 0;
            for (int i = 0; i < 2_000; i++) {
                Document d = new Document();
                boolean even = i % 2 == 0;
                d.add(new StringField("parity", even ? "even" : "odd", Field.Store.NO));
                int tags = r.nextInt(4);
                String[] t = new String[tags];
                for (int j = 0; j < tags; j++) {
                    t[j] = "tag" + r.nextInt(40);
                    d.add(new SortedSetDocValuesField(Fields.TAG, new BytesRef(t[j])));
                }
                String type = r.nextInt(5) == 0 ? null : "type" + r.nextInt(3);
                if (type != null) {
                    d.add(new SortedDocValuesField(Fields.TYPE, new BytesRef(type)));
                }
                if (even) {
                    expectedHits++;
                    for (String tag : new HashSet<>(Arrays.asList(t))) {
                        expectedTags.merge(tag, 1L, Long::sum);
                    }
                    if (type != null) {
                        expectedTypes.merge(type, 1L, Long::sum);
                    }
                }
                w.addDocument(d);
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(3);
                IndexSearcher searcher = new IndexSearcher(reader);
                Query even = new TermQuery(new Term("parity", "even"));
                FacetCollector.Result result = searcher.search(even,
                        FacetCollector.manager(Set.of(Facet.TAG, Facet.TYPE), columns));
                assertThat(result.hits()).isEqualTo(expectedHits);
                assertThat(result.counts().get(Facet.TAG)).isEqualTo(expectedTags);
                assertThat(result.counts().get(Facet.TYPE)).isEqualTo(expectedTypes);
                assertThat(columns.segments()).isEqualTo(reader.leaves().size());
            }
            w.forceMerge(1);
            try (DirectoryReader merged = DirectoryReader.open(w)) {
                new IndexSearcher(merged).search(new MatchAllDocsQuery(),
                        FacetCollector.manager(Set.of(Facet.TAG), columns));
                // The old segments were closed with their reader: only the merged one is held.
                assertThat(columns.segments()).isEqualTo(1);
            }
        }
        assertThat(columns.segments()).isZero();
    }
}
