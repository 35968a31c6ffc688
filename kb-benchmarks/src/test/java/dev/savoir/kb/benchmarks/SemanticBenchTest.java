package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.semantic.InJarModels;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The semantic latency and footprint runners on a few articles, so that they never rot. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SemanticBenchTest {
    @Test
    void smallRun_timesEveryCall_andPrintsTheOneLine() {
        Path folder = TempFolders.create("savoir-semantic-test");
        try {
            SemanticBench.Figures f = SemanticBench.run(120, 10, folder, InJarModels.allMiniLmL6V2());

            assertThat(f.line()).matches("docs=120 passages=[0-9]+ build_s=[0-9.]+ lexical_p50_ms=[0-9.]+ "
                    + "lexical_p99_ms=[0-9.]+ semantic_p50_ms=[0-9.]+ semantic_p99_ms=[0-9.]+ hybrid_p50_ms=[0-9.]+ "
                    + "hybrid_p99_ms=[0-9.]+ passages_p50_ms=[0-9.]+ passages_p99_ms=[0-9.]+ embed_p50_ms=[0-9.]+ "
                    + "embed_p99_ms=[0-9.]+");
            assertThat(f.passages()).isGreaterThan(120);
            for (String call : SemanticBench.Figures.NAMES) {
                assertThat(f.p50(call)).as(call).isPositive();
                assertThat(f.p99(call)).as(call).isGreaterThanOrEqualTo(f.p50(call));
            }
        } finally {
            TempFolders.delete(folder);
        }
    }

    @Test
    void footprint_withVectors_holdsPassagesAndTakesMoreDisk() {
        Path plain = TempFolders.create("savoir-footprint-plain");
        Path vectors = TempFolders.create("savoir-footprint-vectors");
        try {
            String without = SemanticFootprint.measure(100, false, plain);
            String with = SemanticFootprint.measure(100, true, vectors);

            String line = "docs=100 passages=%s disk_mb=[0-9.]+ cache_mb=[0-9.]+ heap_open_mb=-?[0-9.]+ "
                    + "heap_warm_mb=-?[0-9.]+";
            assertThat(without).matches("vectors=false " + line.formatted("0"));
            assertThat(with).matches("vectors=true " + line.formatted("[1-9][0-9]*"));
            assertThat(mb(with, "disk_mb")).isGreaterThan(mb(without, "disk_mb"));
            assertThat(mb(with, "cache_mb")).isPositive();
        } finally {
            TempFolders.delete(plain);
            TempFolders.delete(vectors);
        }
    }

    private static double mb(String line, String key) {
        return Double.parseDouble(line.replaceAll(".*\\b" + key + "=(-?[0-9.]+).*", "$1"));
    }
}
