package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.eval.BeirRelevance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevanceTest {
    @Test
    void evaluate_tinyCollection_throughPublicApi(@TempDir Path dir) throws IOException {
        BeirRelevance.writeTinyCollection(dir);
        BeirRelevance.Result r = Relevance.evaluate(dir, Locale.ENGLISH);
        assertThat(r.queries()).isEqualTo(2);
        assertThat(r.ndcg10()).isEqualTo(1.0);
        assertThat(r.line()).matches("dataset=\\S+ queries=2 ndcg@10=1\\.0000 recall@100=1\\.0000 mrr@10=1\\.0000");
    }
}
