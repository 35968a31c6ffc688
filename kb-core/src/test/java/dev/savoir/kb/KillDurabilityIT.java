package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.internal.store.FileArticleStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a writing child JVM with SIGKILL at random moments, many rounds on one directory, and checks after each
 * round that the store opens and holds every write the child saw acknowledged. The default run does
 * {@value #DEFAULT_ROUNDS} rounds; {@code -Dsavoir.full=true} does {@value #FULL_ROUNDS}.
 */
class KillDurabilityIT {
    private static final Logger LOG = LoggerFactory.getLogger(KillDurabilityIT.class);
    static final int DEFAULT_ROUNDS = 16;
    static final int FULL_ROUNDS = 120;

    @TempDir
    Path dir;

    static Process child(Path dir, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", DurabilityChild.class.getName(), dir.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void killMinus9_atRandomPoints_losesNoAcknowledgedWrite() throws Exception {
        int rounds = Boolean.getBoolean("savoir.full") ? FULL_ROUNDS : DEFAULT_ROUNDS;
        Random random = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        List<String> acknowledged = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            String mode = round % 4 == 3 ? "bulk" : "facade";
            Process p = child(dir, mode, Integer.toString(round));
            List<String> acks = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        acks.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the child died
                }
            });
            // Wait until it has opened the store and acknowledged a first write (a loaded machine can take a
            // second to get there), then let it write for a random time and kill it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks.size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(acks).as("child of round %d opened the store and wrote", round).contains("OPEN")
                    .hasSizeGreaterThan(1);
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            acks.remove("OPEN");
            acknowledged.addAll(acks);
            verify(acknowledged, round);
        }
        long writes = acknowledged.size();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.warn("Kill test: {} rounds, {} acknowledged writes verified, {} s", rounds, writes,
                String.format("%.1f", seconds));
        System.out.printf("KILL-TEST rounds=%d acknowledged_writes=%d seconds=%.1f%n", rounds, writes, seconds);
        assertThat(writes).isGreaterThan(rounds);
    }

    private void verify(List<String> acknowledged, int round) {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            Actor admin = DurabilityChild.WRITER;
            for (String line : acknowledged) {
                String[] f = line.split(" ");
                ArticleId id = ArticleId.of(f[1]);
                int rev = Integer.parseInt(f[2]);
                Article a = kb.article(admin, id);
                Translation t = a.source();
                assertThat(t.latestRevision()).as("round %d: %s", round, line).isGreaterThanOrEqualTo(rev);
                assertThat(kb.revision(admin, id, Locale.ENGLISH, rev).content().body())
                        .isEqualTo(DurabilityChild.body(id.value(), rev));
                if (f[0].equals("P")) {
                    assertThat(t.publishedRevision()).as("round %d: %s", round, line).isEqualTo(rev);
                }
            }
        }
    }

    @Test
    void secondProcess_opensSameStore_getsClearLockedError() throws Exception {
        Files.createDirectories(dir);
        Process holder = child(dir, "hold");
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("HOLDING");
            assertThatThrownBy(() -> FileArticleStore.open(dir.resolve("store"), null))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("another process")
                    .hasMessageContaining("pid " + holder.pid());
            assertThatThrownBy(() -> KnowledgeBase.builder().directory(dir).build())
                    .isInstanceOf(StoreLockedException.class);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // Once the holder is gone (even killed), the store opens.
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).build()) {
            assertThat(kb.size()).isZero();
        }
    }
}
