package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentEditingTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);

    @TempDir
    Path dir;

    @Test
    void concurrentEditorsOnOneArticle_noLostUpdate_everyConflictTyped() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            ArticleId id = kb.create(ADMIN, NewArticle.builder("hot").category("X").title("T").body("v0").build())
                    .id();
            int editors = 6;
            int attemptsEach = 40;
            CyclicBarrier barrier = new CyclicBarrier(editors);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger conflicts = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(editors);
            for (int e = 0; e < editors; e++) {
                int editor = e;
                pool.submit(() -> {
                    for (int i = 0; i < attemptsEach; i++) {
                        try {
                            barrier.await(30, TimeUnit.SECONDS);
                            int base = kb.article(ADMIN, id).source().latestRevision();
                            String body = "editor " + editor + " attempt " + i;
                            kb.edit(ADMIN, id, Locale.ENGLISH, base, ArticleContent.of("T", body), "");
                            acknowledged.add(body);
                        } catch (RevisionConflictException c) {
                            conflicts.incrementAndGet();
                        } catch (Throwable t) {
                            unexpected.add(t);
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            assertThat(unexpected).isEmpty();
            List<String> history = kb.history(ADMIN, id, Locale.ENGLISH).stream().map(r -> r.content().body())
                    .toList();
            assertThat(history).hasSize(1 + acknowledged.size());
            assertThat(history.subList(1, history.size())).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(acknowledged.size() + conflicts.get()).isEqualTo(editors * attemptsEach);
            assertThat(conflicts.get()).isPositive();
        }
    }

    @Test
    void createAll_isAllOrNothing_andReadableAfterReopen() {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            List<NewArticle> batch = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                batch.add(NewArticle.builder("imp-" + i).category("Imported").title("Article " + i)
                        .body("Body " + i).build());
            }
            kb.create(ADMIN, NewArticle.builder("exists").category("X").title("T").body("B").build());
            List<NewArticle> withDuplicate = new ArrayList<>(batch);
            withDuplicate.add(NewArticle.builder("exists").category("X").title("T").body("B").build());
            assertThatThrownBy(() -> kb.createAll(ADMIN, withDuplicate)).isInstanceOf(DuplicateArticleException.class);
            List<NewArticle> withInvalid = new ArrayList<>(batch);
            withInvalid.add(NewArticle.builder("too-big").category("X").title("T").body("x".repeat(2 << 20))
                    .build());
            assertThatThrownBy(() -> kb.createAll(ADMIN, withInvalid)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("too-big");
            assertThat(kb.size()).isEqualTo(1);
            assertThat(kb.createAll(ADMIN, batch)).hasSize(3000);
        }
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).schedulerInterval(Duration.ZERO).build()) {
            assertThat(kb.size()).isEqualTo(3001);
            assertThat(kb.revision(ADMIN, ArticleId.of("imp-2999"), Locale.ENGLISH, 1).content().body())
                    .isEqualTo("Body 2999");
            assertThat(kb.auditTrail(ADMIN, ArticleId.of("imp-7"))).extracting(AuditEvent::action)
                    .containsExactly(AuditAction.IMPORTED);
        }
    }
}
