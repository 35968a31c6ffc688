package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemRequest;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.ReadState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox and learning paths of two knowledge bases on one PostgreSQL schema: an item submitted on one node is
 * accepted on the other (its draft revision in the shared article store), and the minor mark of a revision written
 * through PostgreSQL keeps an acknowledgement in force.
 */
class PgInboxAndLearningTest {
    static final Locale EN = Locale.ENGLISH;
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final Actor AGENT = Actor.of("ann", Role.AGENT);
    static final ArticleId ID = ArticleId.of("refunds");
    static HikariDataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(10);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    KnowledgeBase node(String schema, String name) {
        PostgresStores stores = PostgresStores.builder().dataSource(dataSource).schema(schema).open();
        return stores.configure(KnowledgeBase.builder()).directory(dir.resolve(name)).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    @Test
    void itemFromOneNode_isAcceptedOnTheOther_andMinorMarksSurviveTheDatabase() {
        String schema = TestPostgres.newSchema();
        try (KnowledgeBase a = node(schema, "a"); KnowledgeBase b = node(schema, "b")) {
            a.create(ADMIN, NewArticle.builder(ID.value()).category("Billing").owner("admin")
                    .visibility(Visibility.PUBLIC).title("Refunds").body("Within 30 days.").build());
            a.publish(ADMIN, ID, EN, 1);
            InboxItem item = a.inbox().submit(ViewerContext.external(EN), "visitor-1",
                    ItemRequest.suggestEdit(ID, EN, 1, FlagReason.OUTDATED, "It is 14 days now", "Within 14 days."));
            InboxItem accepted = b.inbox().accept(ADMIN, item.id(), "thanks");
            assertThat(accepted.resultingRevision()).isEqualTo(2);
            assertThat(a.revision(ADMIN, ID, EN, 2).content().body()).isEqualTo("Within 14 days.");
            assertThat(a.inbox().itemsOf("visitor-1")).extracting(InboxItem::state)
                    .containsExactly(ItemState.ACCEPTED);

            a.learningPaths().save(ADMIN, new LearningPath("billing", "Billing", EN, List.of(ID), Set.of(Role.AGENT),
                    Set.of()));
            a.publish(ADMIN, ID, EN, 2);
            b.learningPaths().acknowledge(AGENT, ID, EN, 2);
            Revision minor = a.edit(ADMIN, ID, EN, 2, ArticleContent.of("Refunds", "Within 14 days!"), "punctuation",
                    true);
            a.publish(ADMIN, ID, EN, minor.number());
            assertThat(b.history(ADMIN, ID, EN)).extracting(Revision::minor).containsExactly(false, false, true);
            assertThat(b.learningPaths().assignments(AGENT).getFirst().items().getFirst().state())
                    .isEqualTo(ReadState.UP_TO_DATE);
            Revision major = a.edit(ADMIN, ID, EN, 3, ArticleContent.of("Refunds", "Within 10 days."), "policy",
                    false);
            a.publish(ADMIN, ID, EN, major.number());
            assertThat(b.learningPaths().completionByPath().getFirst().percent()).isZero();
        }
    }
}
