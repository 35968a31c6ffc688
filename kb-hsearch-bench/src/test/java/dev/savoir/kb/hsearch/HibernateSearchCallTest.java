package dev.savoir.kb.hsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HibernateSearchCallTest {
    @TempDir
    Path dir;

    /** 50 documents: doc-i is about "topic{i}" and shares the word "common"; query qi asks for topic{i}. */
    private void writeCollection() throws IOException {
        StringBuilder corpus = new StringBuilder();
        StringBuilder queries = new StringBuilder();
        StringBuilder qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
        for (int i = 0; i < 50; i++) {
            corpus.append("{\"_id\": \"doc-").append(i).append("\", \"title\": \"Note topic").append(i)
                    .append("\", \"text\": \"A common text about topic").append(i).append(" and more.\"}\n");
            if (i < 5) {
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
    void indexesAndTimesEveryShapeWithFullPagesAndPerfectRelevance() throws IOException {
        writeCollection();
        List<String> lines = HibernateSearchCall.run(HibernateSearchCall.Options.parse(new String[] {
            dir.toString(), "--warmup", "2", "--calls", "7"}));
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, String> f = fields(lines.get(i));
            assertThat(f).containsEntry("lib", "hsearch").containsEntry("shape", HibernateSearchCall.SHAPES.get(i))
                    .containsEntry("docs", "50").containsEntry("calls", "7").containsEntry("dataset",
                            dir.getFileName().toString());
            // Every document holds "common": each query fills its page of 10.
            assertThat(Double.parseDouble(f.get("mean_hits"))).isEqualTo(10.0);
            double p50 = Double.parseDouble(f.get("p50_us"));
            assertThat(p50).isPositive().isLessThanOrEqualTo(Double.parseDouble(f.get("p99_us")));
            assertThat(Double.parseDouble(f.get("index_s"))).isPositive();
        }
        // The document named by its unique word ranks first for each judged query.
        assertThat(fields(lines.getFirst()).get("ndcg10")).isEqualTo("1.0000");
    }

    @Test
    void runsOnlyTheShapesAsked() throws IOException {
        writeCollection();
        List<String> lines = HibernateSearchCall.run(HibernateSearchCall.Options.parse(new String[] {
            dir.toString(), "--warmup", "0", "--calls", "3", "--shape", "facet"}));
        assertThat(lines).singleElement().satisfies(l -> assertThat(fields(l)).containsEntry("shape", "facet")
                .doesNotContainKey("ndcg10"));
    }

    @Test
    void tagsAreTwoDifferentOnesOfTheList() {
        for (String id : List.of("a", "doc-1", "4983", "a001-p01", "")) {
            List<String> tags = Beir.tags(id);
            assertThat(tags).hasSize(2).doesNotHaveDuplicates();
            assertThat(Beir.TAGS).containsAll(tags);
        }
        // kb-benchmarks' SavoirCallTest holds the same expectations for SavoirCall.tags: both sides tag alike.
        assertThat(Beir.tags("doc-1")).isEqualTo(List.of("security", "returns"));
        assertThat(Beir.tags("4983")).isEqualTo(List.of("billing", "shipping"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> HibernateSearchCall.Options.parse(new String[] {"x", "--shape", "fuzzy"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown shape fuzzy");
        assertThatThrownBy(() -> HibernateSearchCall.Options.parse(new String[] {"x", "--calls", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> HibernateSearchCall.Options.parse(new String[] {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }

    @Test
    void aFolderWithoutCorpusIsRefused() {
        assertThatThrownBy(() -> HibernateSearchCall.run(HibernateSearchCall.Options.parse(new String[] {
            dir.toString()}))).isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("BEIR");
    }
}
