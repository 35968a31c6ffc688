package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavoirCallTest {
    @TempDir
    Path dir;

    /** 30 documents: doc-i is about "topic{i}" and shares the word "common"; query qi asks for topic{i}. */
    private void writeCollection() throws IOException {
        StringBuilder corpus = new StringBuilder();
        StringBuilder queries = new StringBuilder();
        StringBuilder qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
        for (int i = 0; i < 30; i++) {
            corpus.append("{\"_id\": \"doc-").append(i).append("\", \"title\": \"Note topic").append(i)
                    .append("\", \"text\": \"A common text about topic").append(i).append(" and more.\"}\n");
            if (i < 4) {
                queries.append("{\"_id\": \"q").append(i).append("\", \"text\": \"topic").append(i)
                        .append(" common\"}\n");
                qrels.append('q').append(i).append("\tdoc-").append(i).append("\t1\n");
            }
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"), qrels);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        for (String kv : line.split(" ")) {
            String[] f = kv.split("=", 2);
            assertThat(f).as(kv).hasSize(2);
            out.put(f[0], f[1]);
        }
        return out;
    }

    @Test
    void loadsThroughPublishAllAndTimesEveryShapeWithFullPagesAndPerfectRelevance() throws IOException {
        writeCollection();
        List<String> lines = SavoirCall.run(SavoirCall.Options.parse(new String[] {
            dir.toString(), "--warmup", "2", "--calls", "5"}));
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, String> f = fields(lines.get(i));
            assertThat(f).containsEntry("lib", "savoir").containsEntry("shape", SavoirCall.SHAPES.get(i))
                    .containsEntry("docs", "30").containsEntry("calls", "5")
                    .containsEntry("dataset", dir.getFileName().toString());
            assertThat(Double.parseDouble(f.get("mean_hits"))).isEqualTo(10.0);
            assertThat(Double.parseDouble(f.get("p50_us"))).isPositive()
                    .isLessThanOrEqualTo(Double.parseDouble(f.get("p99_us")));
            assertThat(Double.parseDouble(f.get("index_s"))).isPositive();
        }
        assertThat(fields(lines.getFirst()).get("ndcg10")).isEqualTo("1.0000");
        // SideBySide reads these lines back.
        List<String> summary = SideBySide.summary(List.of(lines.getFirst(), lines.getFirst().replace("lib=savoir",
                "lib=hsearch")));
        assertThat(summary.getFirst()).startsWith("shape=plain rounds=1").contains(" ratio=1.00 ");
    }

    @Test
    void tagsAreTheSameTwoAsKbHsearchBenchChooses() {
        // kb-hsearch-bench's HibernateSearchCallTest holds the same expectations for Beir.tags.
        assertThat(SavoirCall.tags("doc-1")).isEqualTo(List.of("security", "returns"));
        assertThat(SavoirCall.tags("4983")).isEqualTo(List.of("billing", "shipping"));
        for (String id : List.of("a", "a001-p01", "")) {
            assertThat(SavoirCall.tags(id)).hasSize(2).doesNotHaveDuplicates();
            assertThat(SavoirCall.TAGS).containsAll(SavoirCall.tags(id));
        }
    }

    @Test
    void sideBySideSummary_mediansAndRatio() {
        List<String> lines = List.of(
                "lib=hsearch dataset=d shape=plain docs=3 calls=5 p50_us=100 p99_us=300 index_s=1.00 ndcg10=0.5000",
                "lib=savoir dataset=d shape=plain docs=3 calls=5 p50_us=250 p99_us=900 index_s=2.00 ndcg10=0.6000",
                "lib=savoir dataset=d shape=plain docs=3 calls=5 p50_us=150 p99_us=500 index_s=4.00 ndcg10=0.6000",
                "lib=hsearch dataset=d shape=plain docs=3 calls=5 p50_us=120 p99_us=200 index_s=3.00 ndcg10=0.5000",
                "lib=savoir dataset=d shape=plain docs=3 calls=5 p50_us=200 p99_us=700 index_s=3.00 ndcg10=0.6000",
                "lib=hsearch dataset=d shape=plain docs=3 calls=5 p50_us=80 p99_us=250 index_s=2.00 ndcg10=0.5000");
        assertThat(SideBySide.summary(lines)).containsExactly(
                "shape=plain rounds=3 hsearch_p50_us=100 savoir_p50_us=200 ratio=2.00 hsearch_p99_us=250 "
                        + "savoir_p99_us=700",
                "index_s hsearch=2.00 savoir=3.00",
                "ndcg10 hsearch=0.5000 savoir=0.6000");
    }

    @Test
    void sideBySideSummary_refusesOtherOutputAndOneSidedShapes() {
        assertThatThrownBy(() -> SideBySide.summary(List.of("engine=lucene p50=3us")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a search-call line");
        assertThatThrownBy(() -> SideBySide.summary(List.of(
                "lib=savoir dataset=d shape=facet docs=3 calls=5 p50_us=2 p99_us=3 index_s=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not measured on both");
    }

    @Test
    void badArgumentsAndFoldersAreRefused() {
        assertThatThrownBy(() -> SavoirCall.Options.parse(new String[] {"x", "--shape", "fuzzy"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown shape fuzzy");
        assertThatThrownBy(() -> SavoirCall.Options.parse(new String[] {"x", "--warmup", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> SavoirCall.run(SavoirCall.Options.parse(new String[] {dir.toString()})))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("BEIR");
    }
}
