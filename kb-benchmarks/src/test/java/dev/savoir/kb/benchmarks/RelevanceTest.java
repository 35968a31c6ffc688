package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevanceTest {
    @Test
    void ndcg_matchesTrecEvalDefinition() {
        Map<String, Integer> rels = Map.of("a", 1, "b", 2);
        // DCG = 2/log2(2) + 1/log2(4) ... ranked b first, then x, then a
        double dcg = 2 / 1.0 + 1 / (Math.log(4) / Math.log(2));
        double idcg = 2 / 1.0 + 1 / (Math.log(3) / Math.log(2));
        assertThat(Relevance.ndcgAt(List.of("b", "x", "a"), rels, 10)).isCloseTo(dcg / idcg, within(1e-9));
        assertThat(Relevance.ndcgAt(List.of("b", "a"), rels, 10)).isCloseTo(1.0, within(1e-9));
        assertThat(Relevance.ndcgAt(List.of("x"), rels, 10)).isZero();
        assertThat(Relevance.ndcgAt(List.of("x", "a"), rels, 1)).isZero();
    }

    @Test
    void recallAndMrr() {
        Map<String, Integer> rels = Map.of("a", 1, "b", 1);
        assertThat(Relevance.recallAt(List.of("x", "a"), rels, 100)).isEqualTo(0.5);
        assertThat(Relevance.mrrAt(List.of("x", "y", "b"), rels, 10)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(Relevance.mrrAt(List.of("x", "y", "b"), rels, 2)).isZero();
    }

    @Test
    void evaluate_tinyCollection_throughPublicApi(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Reset password", "text": "How to reset a forgotten password."}
                {"_id": "d2", "title": "Shipping", "text": "Parcels ship in two days."}
                {"_id": "weird id/3", "title": "", "text": "Refund rules for damaged parcels."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "forgotten password"}
                {"_id": "q2", "text": "damaged parcel refund"}
                {"_id": "q3", "text": "unjudged"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\tweird id/3\t1\n");
        Relevance.Result r = Relevance.evaluate(dir, Locale.ENGLISH);
        assertThat(r.queries()).isEqualTo(2);
        assertThat(r.ndcg10()).isEqualTo(1.0);
        assertThat(r.line()).matches("dataset=\\S+ queries=2 ndcg@10=1\\.0000 recall@100=1\\.0000 mrr@10=1\\.0000");
    }
}
