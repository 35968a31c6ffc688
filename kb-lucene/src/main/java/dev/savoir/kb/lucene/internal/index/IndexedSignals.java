package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.search.ArticleSignals;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The ranking signals of every article, kept in memory and in one signals document per article in the index, so
 * that they survive restarts and rebuilds (the store does not hold them).
 */
final class IndexedSignals {
    static final String SIGNAL_ID = "sid";
    private static final ArticleSignals NONE = new ArticleSignals(0, 0, 0, Instant.EPOCH);

    private final Map<String, ArticleSignals> byId = new ConcurrentHashMap<>();

    /** Reads the signals documents of an index just opened. */
    void load(IndexSearcher s) throws IOException {
        TopDocs td = s.search(new TermQuery(new Term(Fields.KIND, Fields.SIGNALS_DOC)), Integer.MAX_VALUE / 2);
        StoredFields sf = s.storedFields();
        for (ScoreDoc sd : td.scoreDocs) {
            Document d = sf.document(sd.doc);
            byId.put(d.get(SIGNAL_ID), new ArticleSignals(d.getField("s_" + Fields.UP).numericValue().longValue(),
                    d.getField("s_" + Fields.DOWN).numericValue().longValue(),
                    d.getField("s_" + Fields.VIEWS).numericValue().longValue(),
                    Instant.ofEpochMilli(d.getField("s_" + Fields.VIEWS_AT).numericValue().longValue())));
        }
    }

    ArticleSignals of(String id) {
        return byId.getOrDefault(id, NONE);
    }

    void put(String id, ArticleSignals s) {
        byId.put(id, s);
    }

    Map<String, ArticleSignals> all() {
        return byId;
    }

    static Document doc(String id, ArticleSignals s) {
        Document d = new Document();
        d.add(new StringField(SIGNAL_ID, id, Field.Store.YES));
        d.add(new StringField(Fields.KIND, Fields.SIGNALS_DOC, Field.Store.NO));
        d.add(new StoredField("s_" + Fields.UP, s.helpfulVotes()));
        d.add(new StoredField("s_" + Fields.DOWN, s.unhelpfulVotes()));
        d.add(new StoredField("s_" + Fields.VIEWS, s.views()));
        d.add(new StoredField("s_" + Fields.VIEWS_AT, s.asOf().toEpochMilli()));
        return d;
    }
}
