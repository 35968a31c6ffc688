package dev.savoir.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirRelevanceTest {
    @Test
    void ndcg_matchesTrecEvalDefinition() {
        Map<String, Integer> rels = Map.of("a", 1, "b", 2);
        // DCG = 2/log2(2) + 1/log2(4) ... ranked b first, then x, then a
        double dcg = 2 / 1.0 + 1 / (Math.log(4) / Math.log(2));
        double idcg = 2 / 1.0 + 1 / (Math.log(3) / Math.log(2));
        assertThat(BeirRelevance.ndcgAt(List.of("b", "x", "a"), rels, 10)).isCloseTo(dcg / idcg, within(1e-9));
        assertThat(BeirRelevance.ndcgAt(List.of("b", "a"), rels, 10)).isCloseTo(1.0, within(1e-9));
        assertThat(BeirRelevance.ndcgAt(List.of("x"), rels, 10)).isZero();
        assertThat(BeirRelevance.ndcgAt(List.of("x", "a"), rels, 1)).isZero();
    }

    @Test
    void recallAndMrr() {
        Map<String, Integer> rels = Map.of("a", 1, "b", 1);
        assertThat(BeirRelevance.recallAt(List.of("x", "a"), rels, 100)).isEqualTo(0.5);
        assertThat(BeirRelevance.mrrAt(List.of("x", "y", "b"), rels, 10)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(BeirRelevance.mrrAt(List.of("x", "y", "b"), rels, 2)).isZero();
    }

    @Test
    void percentile_nearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(SearchLatency.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(SearchLatency.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(SearchLatency.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void readQrels_keepsPositiveJudgementsAndSkipsTheHeader(@TempDir Path dir) throws IOException {
        BeirRelevance.writeTinyCollection(dir);
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"), "q3\td2\t0\n", StandardOpenOption.APPEND);
        assertThat(BeirRelevance.readQrels(dir.resolve("qrels").resolve("test.tsv")))
                .isEqualTo(Map.of("q1", Map.of("d1", 1), "q2", Map.of("weird id/3", 1)));
    }

    @Test
    void latencyOptions_badArgument_saysWhatToDo() {
        assertThatThrownBy(() -> SearchLatency.Options.parse(new String[] {"dir", "--calls"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--calls needs a value");
        assertThatThrownBy(() -> SearchLatency.Options.parse(new String[] {"dir", "--rounds", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage: FOLDER");
        assertThat(SearchLatency.Options.parse(new String[] {"dir", "--locale", "fr", "--calls", "5"}))
                .isEqualTo(new SearchLatency.Options("dir", Locale.FRENCH, 300, 5));
    }
}
