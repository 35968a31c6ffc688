package dev.savoir.kb.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Semantic search (kb-semantic)" example is this compiled code, and it runs. */
class ReadmeSemanticTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void readmeExample_runs() throws Exception {
        Actor editor = Actor.of("alice", Role.ADMIN);
        // tag::semantic[]
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(dir)
                .renderer(MarkdownRenderer.create())
                .requireReview(false)
                .searchEngine(LuceneSearchEngine.builder()
                        .embedder(InJarModels.allMiniLmL6V2())   // kb-semantic: in the jar, on the CPU
                        .semanticLanguages("en")                 // other languages stay lexical
                        .build())
                .build()) {
            kb.create(editor, NewArticle.builder("sign-in").category("Account").visibility(Visibility.PUBLIC)
                    .title("Signing in")
                    .body("## Forgotten password\n\nUse the reset link on the sign-in page.").build());
            kb.publish(editor, ArticleId.of("sign-in"), Locale.ENGLISH, 1);
            while (!kb.embeddingProgress().ready()) {   // vectors are computed in the background
                Thread.sleep(20);
            }
            kb.refresh();

            ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
            SearchResponse hybrid = kb.search(customer, SearchRequest.builder("I can't remember my secret word")
                    .mode(SearchMode.HYBRID).build());
            List<Passage> cited = kb.passages(customer, "I can't remember my secret word", 3);
            for (Passage p : cited) {
                System.out.println(p.title() + " > " + p.heading() + " (" + p.url() + "): " + p.text());
            }
            ContentRetriever retriever = KnowledgeBaseRetriever.of(kb, query -> customer, 5);  // for langchain4j
            List<Content> contents = retriever.retrieve(Query.from("How do I reset my password?"));
            // end::semantic[]
            assertThat(hybrid.hits()).extracting(h -> h.articleId().value()).containsExactly("sign-in");
            assertThat(cited.getFirst().url()).isEqualTo("sign-in#forgotten-password");
            assertThat(contents).isNotEmpty();
        }
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String source = Files.readString(ROOT.resolve(
                "kb-semantic/src/test/java/dev/savoir/kb/semantic/ReadmeSemanticTest.java"));
        assertThat(between(readme, "<!-- semantic:start -->\n```java", "```\n<!-- semantic:end -->"))
                .isEqualTo(between(source, "// tag::semantic[]", "// end::semantic[]"));
    }

    private static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }
}
