package dev.savoir.kb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.eval.BeirRelevance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSearchRelevanceTest {
    @Test
    void run_tinyCollection_ranksEachRelevantDocumentFirstAndPrintsTheLuceneLine(@TempDir Path dir)
            throws IOException {
        BeirRelevance.writeTinyCollection(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpenSearchRelevance.cli(new String[] {dir.toString(), "--locale", "en"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .matches("dataset=\\S+ queries=2 ndcg@10=1\\.0000 recall@100=1\\.0000 mrr@10=1\\.0000");
    }

    @Test
    void cli_unknownArgument_printsUsageAndFails(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpenSearchRelevance.cli(new String[] {dir.toString(), "--mode", "hybrid"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mode", "usage: OpenSearchRelevance FOLDER");
    }
}
