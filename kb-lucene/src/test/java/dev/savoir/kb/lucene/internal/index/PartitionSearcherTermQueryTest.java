package dev.savoir.kb.lucene.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** Term queries sharing the request's term states match and score as plain term queries, in every pass. */
class PartitionSearcherTermQueryTest {
    @Test
    void sharedTermStatesGiveTheSameHitsAndScores() throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                     .setMaxBufferedDocs(50))) {
            String[] words = {"alpha", "beta", "gamma", "delta", "epsilon"};
            for (int i = 0; i < 400; i++) {
                Document d = new Document();
                d.add(new TextField("all", words[i % 5] + " " + words[(i * 7) % 5] + " " + words[(i / 3) % 5],
                        Field.Store.NO));
                d.add(new TextField("title", words[(i * 3) % 5], Field.Store.NO));
                w.addDocument(d);
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(3);
                PartitionStats stats = new PartitionStats(new BM25Similarity());
                Partition all = new Partition("all", new MatchAllDocsQuery(), false, 0);
                PartitionSearcher plain = stats.searcher(reader, all);
                plain.setSimilarity(new BM25Similarity());
                PartitionSearcher shared = stats.searcher(reader, all);
                shared.setSimilarity(new BM25Similarity());
                Query expected = query(plain, false);
                Query got = query(shared, true);
                assertThat(describe(shared.search(got, 500).scoreDocs))
                        .isEqualTo(describe(plain.search(expected, 500).scoreDocs)).isNotEmpty();
                // a second, unscored pass over the same queries counts the same
                assertThat(shared.count(new ConstantScoreQuery(got))).isEqualTo(plain.count(expected)).isPositive();
                // an absent term as well
                TermQuery absent = shared.termQuery(new Term("all", "zeta"));
                assertThat(shared.count(absent)).isZero();
            }
        }
    }

    private static Query query(PartitionSearcher s, boolean shared) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String word : List.of("alpha", "gamma", "zeta")) {
            for (String field : List.of("all", "title")) {
                Term t = new Term(field, word);
                Query q = shared ? s.termQuery(t) : new TermQuery(t);
                b.add(new BoostQuery(q, field.equals("title") ? 2f : 1f), Occur.SHOULD);
                b.add(new BoostQuery(shared ? s.termQuery(t) : new TermQuery(t), 0.5f), Occur.SHOULD);
            }
        }
        return b.build();
    }

    private static List<String> describe(ScoreDoc[] docs) {
        List<String> out = new ArrayList<>();
        for (ScoreDoc d : docs) {
            out.add(d.doc + ":" + d.score);
        }
        return out;
    }
}
