package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.ids;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StalePolicyTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void seed(KnowledgeBase kb) {
        publish(kb, NewArticle.builder("stale").category("Help").visibility(Visibility.PUBLIC)
                .title("Warranty terms").body("Warranty terms and warranty claims.")
                .reviewInterval(Duration.ofDays(30)).build());
        publish(kb, "fresh", Locale.ENGLISH, Visibility.PUBLIC, "Warranty terms", "Warranty terms and warranty claims.");
    }

    @Test
    void hideFromExternal_hidesStaleFromCustomersOnly() {
        TestClock clock = new TestClock();
        try (KnowledgeBase kb = Fixtures.builder().inMemory().clock(clock).stalePolicy(StalePolicy.HIDE_FROM_EXTERNAL)
                .searchEngine(LuceneSearchEngine.factory()).build()) {
            seed(kb);
            assertThat(ids(kb, CUSTOMER_EN, "warranty")).containsExactlyInAnyOrder("stale", "fresh");
            clock.advance(Duration.ofDays(31));
            assertThat(ids(kb, CUSTOMER_EN, "warranty")).containsExactly("fresh");
            assertThat(ids(kb, AGENT_EN, "warranty")).containsExactlyInAnyOrder("stale", "fresh");
            assertThat(kb.autocomplete(CUSTOMER_EN, "warranty t", 5)).extracting(s -> s.articleId().value())
                    .containsExactly("fresh");
        }
    }

    @Test
    void demote_ranksStaleArticleLower() {
        TestClock clock = new TestClock();
        try (KnowledgeBase kb = Fixtures.builder().inMemory().clock(clock).stalePolicy(StalePolicy.DEMOTE)
                .searchEngine(LuceneSearchEngine.factory()).build()) {
            seed(kb);
            assertThat(ids(kb, CUSTOMER_EN, "warranty terms claims")).containsExactly("stale", "fresh");
            clock.advance(Duration.ofDays(31));
            assertThat(ids(kb, CUSTOMER_EN, "warranty terms claims")).containsExactly("fresh", "stale");
        }
    }

    @Test
    void publishedBetween_filtersByPublicationTime() {
        TestClock clock = new TestClock();
        try (KnowledgeBase kb = Fixtures.builder().inMemory().clock(clock)
                .searchEngine(LuceneSearchEngine.factory()).build()) {
            publish(kb, "old", Locale.ENGLISH, Visibility.PUBLIC, "Release notes 1", "Release notes.");
            clock.advance(Duration.ofDays(10));
            Instant cut = clock.instant();
            publish(kb, "new", Locale.ENGLISH, Visibility.PUBLIC, "Release notes 2", "Release notes.");
            kb.refresh();
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("release").publishedBetween(cut, null).build())
                    .hits()).extracting(h -> h.articleId().value()).containsExactly("new");
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("release").publishedBetween(null, cut).build())
                    .hits()).extracting(h -> h.articleId().value()).containsExactly("old");
        }
    }
}
