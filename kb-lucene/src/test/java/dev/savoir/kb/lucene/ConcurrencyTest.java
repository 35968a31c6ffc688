package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrencyTest {
    @Test
    @Timeout(60)
    void searchesRunWhileIndexing_eachSeesOneConsistentSnapshot() throws InterruptedException {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            Runnable reader = () -> {
                long last = 0;
                while (!done.get()) {
                    try {
                        SearchResponse r = kb.search(CUSTOMER_EN, SearchRequest.builder("lighthouse")
                                .facets(Facet.TYPE).limit(100).build());
                        long typed = r.facet(Facet.TYPE).stream().mapToLong(c -> c.count()).sum();
                        assertThat(typed).isEqualTo(r.totalHits());
                        assertThat(r.totalHits()).isGreaterThanOrEqualTo(last);
                        last = r.totalHits();
                    } catch (Throwable t) {
                        errors.add(t);
                        return;
                    }
                }
            };
            List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
            readers.forEach(Thread::start);
            for (int i = 0; i < 150; i++) {
                publish(kb, "l" + i, Locale.ENGLISH, Visibility.PUBLIC, "Lighthouse " + i, "Lighthouse keeper " + i);
                if (i % 25 == 0) {
                    kb.refresh();
                }
            }
            kb.refresh();
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertThat(errors).isEmpty();
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.of("lighthouse")).totalHits()).isEqualTo(150);
        }
    }
}
