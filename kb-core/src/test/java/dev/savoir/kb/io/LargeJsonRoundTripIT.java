package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON export and import of many articles, streamed: 2,000 by default, 100,000 with {@code -Dsavoir.full=true}.
 * Prints the time, the peak used heap (garbage included) and the largest live heap after a GC during the import
 * (what the import really holds: the knowledge bases' caches, the ids seen, one batch).
 */
class LargeJsonRoundTripIT {
    static final int ARTICLES = Boolean.getBoolean("savoir.full") ? 100_000 : 2_000;

    @TempDir
    Path dir;

    @Test
    void exportAndImport_ofManyArticles_streamWithoutHoldingThemAll() throws Exception {
        MutableClock clock = IoFixtures.clock();
        String body = "Open **Settings**, then *Account*. ".repeat(40);
        try (KnowledgeBase source = IoFixtures.onDisk(dir.resolve("a"), clock);
             KnowledgeBase target = IoFixtures.onDisk(dir.resolve("b"), clock)) {
            for (int from = 0; from < ARTICLES; from += 1_000) {
                List<NewArticle> batch = new ArrayList<>();
                for (int i = from; i < Math.min(ARTICLES, from + 1_000); i++) {
                    batch.add(NewArticle.builder("article-" + i).category("Cat " + (i % 20) + " > Sub " + (i % 7))
                            .title("Article number " + i).summary("Summary " + i).body(body + i).tags("t" + (i % 50))
                            .build());
                }
                source.createAll(ADMIN, batch);
            }
            Path file = dir.resolve("kb.json");
            Heap heap = new Heap();
            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                assertThat(JsonFormat.create().export(source, ADMIN, out)).isEqualTo(ARTICLES);
            }
            long exportMs = (System.nanoTime() - t0) / 1_000_000;
            long exportPeak = heap.peakAndReset();
            t0 = System.nanoTime();
            AtomicLong progressCalls = new AtomicLong();
            AtomicLong liveAfterGc = new AtomicLong();
            ImportReport report = JsonFormat.create().importFrom(target, ADMIN, file, ImportOptions.builder()
                    .keepStates(true).batchSize(1_000).onProgress(p -> {
                        if (progressCalls.getAndIncrement() % 10 == 0) {
                            liveAfterGc.accumulateAndGet(Heap.liveAfterGc(), Math::max);
                        }
                    }).build());
            long importMs = (System.nanoTime() - t0) / 1_000_000;
            long importPeak = heap.stop();
            assertThat(report.imported()).isEqualTo(ARTICLES);
            assertThat(target.size()).isEqualTo(ARTICLES);
            assertThat(progressCalls.get()).isEqualTo(1 + (ARTICLES + 999) / 1_000);
            for (int i : new int[] {0, ARTICLES / 2, ARTICLES - 1}) {
                ArticleId id = ArticleId.of("article-" + i);
                assertThat(target.exportArchive(ADMIN, id).revisions())
                        .isEqualTo(source.exportArchive(ADMIN, id).revisions());
            }
            System.out.printf("JSON round trip of %,d articles (%,d bytes): export %,d ms (peak used heap %,d MiB), "
                    + "import %,d ms (peak used heap %,d MiB, largest live heap after GC during the import %,d MiB; "
                    + "max heap %,d MiB)%n", ARTICLES, Files.size(file), exportMs, exportPeak >> 20, importMs,
                    importPeak >> 20, liveAfterGc.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** Samples the used heap every 10 ms and keeps the peak. */
    static final class Heap {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Heap() {
            System.gc();
            thread = Thread.ofPlatform().daemon().start(() -> {
                Runtime rt = Runtime.getRuntime();
                while (running.get()) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static long liveAfterGc() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        long peakAndReset() {
            long p = peak.get();
            System.gc();
            peak.set(0);
            return p;
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return peak.get();
        }
    }
}
