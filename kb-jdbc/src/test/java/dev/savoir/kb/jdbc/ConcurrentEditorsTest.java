package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ConflictException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editors on two nodes (each its own pool, stores and index) editing the same articles at once, each edit a
 * read-modify-write that appends the editor's line to the latest body, and tagging them through metadata changes
 * based on the version they read: no update is lost (the latest body of each article holds the line of every
 * acknowledged edit, each acknowledged edit has its own revision, every acknowledged tag is there), and every
 * refused write is a typed {@link ConflictException}, after which the editor reads again and retries.
 */
@Timeout(180)
class ConcurrentEditorsTest {
    private static final int ARTICLES = 2;
    private static final int EDITS_PER_EDITOR = 15;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    /** An acknowledged edit: the revision it made and the line it added. */
    private record Edit(String article, int revision, String line) {
    }

    @Test
    void editorsOnTwoNodes_editingTheSameArticles_loseNoUpdate_andEveryConflictIsTyped() throws Exception {
        String schema = TestPostgres.newSchema();
        try (HikariDataSource dsA = TestPostgres.get().dataSource(6);
             HikariDataSource dsB = TestPostgres.get().dataSource(6);
             KnowledgeBase a = FollowerTest.node(dsA, schema, dirA, Duration.ofSeconds(1));
             KnowledgeBase b = FollowerTest.node(dsB, schema, dirB, Duration.ofSeconds(1))) {
            for (int i = 0; i < ARTICLES; i++) {
                FollowerTest.publish(a, "shared-" + i, "sharedword" + i);
            }
            Queue<Edit> edits = new ConcurrentLinkedQueue<>();
            Map<String, Set<String>> tags = new ConcurrentHashMap<>();
            Queue<Throwable> untyped = new ConcurrentLinkedQueue<>();
            Map<String, AtomicInteger> conflicts = new ConcurrentHashMap<>();
            List<KnowledgeBase> nodes = List.of(a, a, b, b);
            CyclicBarrier start = new CyclicBarrier(nodes.size());
            List<Thread> editors = new ArrayList<>();
            for (int e = 0; e < nodes.size(); e++) {
                KnowledgeBase kb = nodes.get(e);
                String editor = (kb == a ? "a" : "b") + e;
                editors.add(Thread.ofPlatform().name("editor-" + editor).start(() -> {
                    try {
                        start.await();
                        for (int n = 0; n < EDITS_PER_EDITOR; n++) {
                            String article = "shared-" + (n % ARTICLES);
                            String line = "line-" + editor + "-" + n + ".";
                            edits.add(editUntilAccepted(kb, article, line, conflicts));
                            if (n % 3 == 0) {
                                String tag = "tag-" + editor + "-" + n;
                                tagUntilAccepted(kb, article, tag, conflicts);
                                tags.computeIfAbsent(article, k -> ConcurrentHashMap.newKeySet()).add(tag);
                            }
                        }
                    } catch (Throwable t) {
                        untyped.add(t);
                    }
                }));
            }
            for (Thread t : editors) {
                t.join();
            }
            assertThat(untyped).as("every refused write was a typed conflict").isEmpty();
            assertThat(edits).hasSize(nodes.size() * EDITS_PER_EDITOR);
            assertThat(conflicts.values().stream().mapToInt(AtomicInteger::get).sum()).as("the editors did collide")
                    .isPositive();

            for (KnowledgeBase kb : List.of(a, b)) {
                kb.refresh();
                for (int i = 0; i < ARTICLES; i++) {
                    String article = "shared-" + i;
                    ArticleId id = ArticleId.of(article);
                    Translation t = kb.article(FollowerTest.EDITOR, id).source();
                    List<Edit> mine = edits.stream().filter(x -> x.article().equals(article)).toList();
                    assertThat(t.latestRevision()).as("one revision per acknowledged edit of %s", article)
                            .isEqualTo(1 + mine.size());
                    Set<Integer> numbers = new HashSet<>();
                    String latest = kb.revision(FollowerTest.EDITOR, id, FollowerTest.EN, t.latestRevision())
                            .content().body();
                    for (Edit x : mine) {
                        assertThat(numbers.add(x.revision())).as("revision %d of %s made once", x.revision(),
                                article).isTrue();
                        assertThat(kb.revision(FollowerTest.EDITOR, id, FollowerTest.EN, x.revision()).content()
                                .body()).as("the acknowledged revision").endsWith(x.line());
                        assertThat(latest).as("the latest body of %s holds every acknowledged edit", article)
                                .contains("\n" + x.line());
                    }
                    assertThat(kb.article(FollowerTest.EDITOR, id).tags()).as("every acknowledged tag of %s",
                            article).containsAll(tags.getOrDefault(article, Set.of()));
                }
            }
            System.out.printf("CONCURRENT-EDITORS nodes=2 editors=%d acknowledged_edits=%d typed_conflicts=%s "
                    + "lost_updates=0%n", nodes.size(), edits.size(), conflicts);
        }
    }

    private static void count(Map<String, AtomicInteger> conflicts, ConflictException e) {
        conflicts.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** Reads the latest revision, appends the line, edits based on it; on a conflict reads again and retries. */
    private static Edit editUntilAccepted(KnowledgeBase kb, String article, String line,
                                          Map<String, AtomicInteger> conflicts) {
        ArticleId id = ArticleId.of(article);
        while (true) {
            int latest = kb.article(FollowerTest.EDITOR, id).source().latestRevision();
            ArticleContent current = kb.revision(FollowerTest.EDITOR, id, FollowerTest.EN, latest).content();
            try {
                Revision r = kb.edit(FollowerTest.EDITOR, id, FollowerTest.EN, latest,
                        ArticleContent.of(current.title(), current.body() + "\n" + line), "concurrent edit");
                return new Edit(article, r.number(), line);
            } catch (ConflictException e) {
                count(conflicts, e);
            }
        }
    }

    /** Adds a tag based on the version read; on a conflict reads again and retries. */
    private static void tagUntilAccepted(KnowledgeBase kb, String article, String tag,
                                         Map<String, AtomicInteger> conflicts) {
        ArticleId id = ArticleId.of(article);
        while (true) {
            var current = kb.article(FollowerTest.EDITOR, id);
            Set<String> next = new HashSet<>(current.tags());
            next.add(tag);
            try {
                kb.updateMetadata(FollowerTest.EDITOR, id, current.version(), MetadataChange.none().withTags(next));
                return;
            } catch (ConflictException e) {
                count(conflicts, e);
            }
        }
    }
}
