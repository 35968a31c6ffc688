package dev.savoir.kb.lucene.internal.highlight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * A hit without snippets reads its header from the stored fields once per segment and document: the same hit as from
 * the stored fields, the new revision after an update (a new segment), nothing kept once the segment is closed.
 */
class HitHeadersTest {
    @Test
    void headersAreCachedPerSegment_andFollowUpdates() throws IOException {
        Hits hits = new Hits(new Analyzers());
        QueryTerms none = new QueryTerms();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            w.addDocument(doc("a1", 1, "First title", "en"));
            w.addDocument(doc("a2", 4, "Deuxième titre", "fr"));
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                LeafReaderContext leaf = reader.leaves().getFirst();
                SearchHit first = hits.hit(reader, reader.storedFields(), new ScoreDoc(1, 2.5f), none, null, false);
                assertThat(first).isEqualTo(new SearchHit(ArticleId.of("a2"), Locale.FRENCH, 4, false,
                        "Deuxième titre", List.of(), "", List.of(), CategoryPath.parse("guides/setup"),
                        ArticleType.HOW_TO, 2.5f, null));
                assertThat(hits.cachedHeaders(leaf)).isEqualTo(1);
                // again, with another score: from the cache, the score of this call
                SearchHit again = hits.hit(reader, reader.storedFields(), new ScoreDoc(1, 0.5f), none, null, false);
                assertThat(again.title()).isEqualTo("Deuxième titre");
                assertThat(again.score()).isEqualTo(0.5f);
                assertThat(hits.cachedHeaders(leaf)).isEqualTo(1);
            }
            w.updateDocument(new Term(Fields.ID, "a2"), doc("a2", 5, "Titre revu", "fr"));
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                int doc = new IndexSearcher(reader).search(new TermQuery(new Term(Fields.ID, "a2")), 1)
                        .scoreDocs[0].doc;
                SearchHit updated = hits.hit(reader, reader.storedFields(), new ScoreDoc(doc, 1f), none, null, false);
                assertThat(updated.revision()).isEqualTo(5);
                assertThat(updated.title()).isEqualTo("Titre revu");
            }
            assertThat(hits.cachedSegments()).isPositive();
        }
        // closing the writer closed the last segments: nothing is held
        assertThat(hits.cachedSegments()).isZero();
    }

    private static Document doc(String id, int revision, String title, String locale) {
        Document d = new Document();
        d.add(new StringField(Fields.ID, id, Field.Store.YES));
        d.add(new StringField(Fields.KIND, "live", Field.Store.YES));
        d.add(new StringField(Fields.LOC, locale, Field.Store.YES));
        d.add(new StoredField(Fields.TITLE_STORED, title));
        d.add(new StoredField(Fields.CAT_STORED, "guides/setup"));
        d.add(new StringField(Fields.TYPE, "how-to", Field.Store.YES));
        d.add(new StoredField(Fields.REV, revision));
        return d;
    }
}
