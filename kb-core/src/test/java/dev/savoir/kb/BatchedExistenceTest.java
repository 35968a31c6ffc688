package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.internal.store.InMemoryArticleStore;
import dev.savoir.kb.spi.ArticleStore;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A batch of new articles checks that none of its ids is taken with one {@link ArticleStore#existing} lookup, not
 * one {@link ArticleStore#article} read per article: a store behind a network round trip (PostgreSQL) would pay
 * one round trip per imported article.
 */
class BatchedExistenceTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN, Role.AUTHOR, Role.PUBLISHER);

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private ArticleStore counting(ArticleStore store) {
        return (ArticleStore) Proxy.newProxyInstance(ArticleStore.class.getClassLoader(),
                new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    return method.invoke(store, args);
                });
    }

    private int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    private static List<NewArticle> specs(int from, int to) {
        List<NewArticle> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(NewArticle.builder("batch-" + i).category("Billing").title("Invoice " + i).body("Open Billing.")
                    .build());
        }
        return out;
    }

    @Test
    void createAll_checksItsIdsWithOneLookup() {
        try (KnowledgeBase kb = KnowledgeBase.builder().store(counting(new InMemoryArticleStore())).build()) {
            calls.clear();
            assertThat(kb.createAll(ADMIN, specs(0, 200))).hasSize(200);
            assertThat(calls("existing")).isEqualTo(1);
            assertThat(calls("article")).as("no read per article of the batch").isLessThan(200);
        }
    }

    @Test
    void createAll_withATakenId_failsNamingIt_andWritesNothing() {
        try (KnowledgeBase kb = KnowledgeBase.builder().store(counting(new InMemoryArticleStore())).build()) {
            kb.createAll(ADMIN, specs(0, 3));
            assertThatThrownBy(() -> kb.createAll(ADMIN, specs(2, 6)))
                    .isInstanceOf(DuplicateArticleException.class)
                    .hasMessageContaining("batch-2")
                    .hasMessageContaining("nothing of this batch was written");
            assertThatThrownBy(() -> kb.article(ADMIN, ArticleId.of("batch-5")))
                    .isInstanceOf(ArticleNotFoundException.class);
        }
    }
}
