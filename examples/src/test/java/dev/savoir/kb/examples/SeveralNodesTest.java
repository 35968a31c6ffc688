package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.TestPostgres;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Running on several nodes" is this module's compiled code, and two nodes opened with it on one
 * PostgreSQL share one knowledge base.
 */
class SeveralNodesTest {
    private static final Actor ALICE = Actor.of("alice", Role.AUTHOR);
    private static final Actor BOB = Actor.of("bob", Role.REVIEWER, Role.PUBLISHER);

    @Test
    void readmeSection_isTheCompiledExample() throws Exception {
        String readme = Files.readString(QuickStartTest.ROOT.resolve("README.md"));
        String source = Files.readString(QuickStartTest.ROOT.resolve(
                "examples/src/main/java/dev/savoir/kb/examples/SeveralNodes.java"));
        String inReadme = QuickStartTest.between(readme, "<!-- several-nodes:start -->\n```java",
                "```\n<!-- several-nodes:end -->");
        String inCode = QuickStartTest.between(source, "// tag::several-nodes[]", "// end::several-nodes[]");
        assertThat(inReadme).isEqualTo(inCode);
    }

    @Test
    @Timeout(120)
    void twoNodes_openedAsTheReadmeShows_seeEachOthersWrites(@TempDir Path indexA, @TempDir Path indexB)
            throws InterruptedException {
        try (HikariDataSource pool = TestPostgres.get().dataSource(8)) {
            TestPostgres.get().sql("DROP SCHEMA IF EXISTS savoir CASCADE");
            try (KnowledgeBase a = SeveralNodes.open(pool, indexA); KnowledgeBase b = SeveralNodes.open(pool, indexB)) {
                ArticleId id = a.create(ALICE, NewArticle.builder("reset-password").category("Account")
                        .visibility(Visibility.PUBLIC).title("Reset your password")
                        .body("Open Settings > Security.").build()).id();
                a.submitForReview(ALICE, id, Locale.ENGLISH, 1);
                a.approve(BOB, id, Locale.ENGLISH, 1);
                a.publish(BOB, id, Locale.ENGLISH, 1);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (found(b).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(found(b)).as("written on node a, found on node b").containsExactly("reset-password");
            }
        }
    }

    private static List<String> found(KnowledgeBase kb) {
        return kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.builder("reset password").build())
                .hits().stream().map(SearchHit::articleId).map(ArticleId::value).toList();
    }
}
