package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk import throughput and reopen time of the durable store, printed as figures (no timing assertion). Default
 * {@value #DEFAULT_ARTICLES} articles; {@code -Dsavoir.full=true} imports {@value #FULL_ARTICLES}.
 */
class StoreScaleIT {
    static final int DEFAULT_ARTICLES = 10_000;
    static final int FULL_ARTICLES = 100_000;

    @TempDir
    Path dir;

    static String body(int i) {
        StringBuilder sb = new StringBuilder("## Steps\n\n");
        for (int s = 1; s <= 12; s++) {
            sb.append(s).append(". Open the **Settings** screen of article ").append(i)
                    .append(" and follow the instructions for step ").append(s).append(" carefully.\n");
        }
        return sb.append("\n| Plan | Price |\n|---|---|\n| Basic | 4 EUR |\n| Premium | 9 EUR |\n").toString();
    }

    @Test
    void bulkImportAndReopen_figures() {
        int n = Boolean.getBoolean("savoir.full") ? FULL_ARTICLES : DEFAULT_ARTICLES;
        Actor admin = Actor.of("admin", Role.ADMIN);
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            for (int from = 0; from < n; from += 5_000) {
                List<NewArticle> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 5_000); i++) {
                    batch.add(NewArticle.builder("art-" + i).category("Category " + (i % 40) + " > Sub " + (i % 7))
                            .visibility(i % 3 == 0 ? Visibility.INTERNAL : Visibility.PUBLIC)
                            .title("How to configure feature " + i).summary("Summary of article " + i)
                            .body(body(i)).tags("tag" + (i % 50)).build());
                }
                kb.createAll(admin, batch);
            }
        }
        double importS = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long t1 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            double openMs = (System.nanoTime() - t1) / 1e6;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            assertThat(kb.size()).isEqualTo(n);
            assertThat(kb.revision(admin, ArticleId.of("art-" + (n - 1)), Locale.ENGLISH, 1).content().body())
                    .isEqualTo(body(n - 1));
            System.out.printf("STORE-SCALE articles=%d import_s=%.1f import_per_s=%.0f reopen_ms=%.0f heap_mb=%d%n",
                    n, importS, n / importS, openMs, heapMb);
        }
    }
}
