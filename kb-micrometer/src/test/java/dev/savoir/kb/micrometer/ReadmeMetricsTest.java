package dev.savoir.kb.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.search.SearchRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Metrics" example is this compiled code, and it runs. */
class ReadmeMetricsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void readmeExample_runs() throws Exception {
        Actor editor = Actor.of("alice", Role.ADMIN);
        MeterRegistry meterRegistry = new SimpleMeterRegistry();          // the host's (Prometheus, OTLP...)
        ObservationRegistry observationRegistry = ObservationRegistry.create();   // the host's, for tracing
        // tag::metrics[]
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(dir)
                .searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create())
                .requireReview(false)
                .observer(SavoirMetrics.builder(meterRegistry)
                        .observations(observationRegistry)     // optional: an observation per search and write
                        .tags(Tags.of("kb", "help-center"))   // optional: tells knowledge bases apart
                        .build())
                .build()) {
            kb.create(editor, NewArticle.builder("reset").category("Account").visibility(Visibility.PUBLIC)
                    .title("Reset your password").body("Open **Settings**.").build());
            kb.publish(editor, ArticleId.of("reset"), Locale.ENGLISH, 1);
            kb.refresh();                                       // searchable now
            kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.of("password"));

            IndexStatus index = kb.indexStatus();              // also for a health check
            System.out.println("index lag: " + index.lag() + " changes, caught up: " + index.caughtUp());
            System.out.println(meterRegistry.get("savoir.search").tag("outcome", "ok").timer().count()
                    + " successful searches");
        }
        // end::metrics[]
        assertThat(meterRegistry.get("savoir.search").tags("kb", "help-center", "viewer", "external", "outcome",
                "ok").timer().count()).isEqualTo(1);
        assertThat(meterRegistry.get("savoir.store.write").tags("kind", "create").timer().count()).isEqualTo(1);
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String source = Files.readString(ROOT.resolve(
                "kb-micrometer/src/test/java/dev/savoir/kb/micrometer/ReadmeMetricsTest.java"));
        assertThat(between(readme, "<!-- metrics:start -->\n```java", "```\n<!-- metrics:end -->"))
                .isEqualTo(between(source, "// tag::metrics[]", "// end::metrics[]"));
        for (String name : java.util.List.of("savoir.search", "savoir.search.hits", "savoir.search.zero.results",
                "savoir.store.write", "savoir.store.write.articles", "savoir.index.lag", "savoir.index.pending",
                "savoir.embedding.pending", "savoir.rebuild.articles", "savoir.rebuild.progress",
                "savoir.import.articles", "savoir.import.rejected", "savoir.import.progress", "savoir.kb.search",
                "savoir.kb.write")) {
            assertThat(readme).as("the README's meter table names " + name).contains("| `" + name + "` |");
        }
    }

    private static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }
}
