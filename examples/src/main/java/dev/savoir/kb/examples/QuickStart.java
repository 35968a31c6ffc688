package dev.savoir.kb.examples;

// tag::quickstart[]
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionDiff;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shortest complete program: a knowledge base in a folder with search and Markdown rendering; an article
 * written, reviewed, published, found by a customer's search (with a typo), rendered, edited, diffed and restored.
 * The code between the tags is the README's quick start, imports included.
 */
public final class QuickStart {
    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("savoir-quickstart");
        Actor alice = Actor.of("alice@example.com", Role.AUTHOR);
        Actor bob = Actor.of("bob@example.com", Role.REVIEWER, Role.PUBLISHER);
        ViewerContext customer = ViewerContext.external(Locale.ENGLISH);

        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(folder)                              // durable store + search index live here
                .searchEngine(LuceneSearchEngine.factory())     // kb-lucene
                .renderer(MarkdownRenderer.create())            // kb-markdown: safe HTML
                .build()) {
            // Write a draft, have it reviewed, publish it.
            ArticleId id = kb.create(alice, NewArticle.builder("reset-password")
                    .category("Account > Password")
                    .visibility(Visibility.PUBLIC)
                    .title("Reset your password")
                    .body("Open **Settings > Security** and choose *Reset password*.")
                    .build()).id();
            kb.submitForReview(alice, id, Locale.ENGLISH, 1);
            kb.approve(bob, id, Locale.ENGLISH, 1);
            kb.publish(bob, id, Locale.ENGLISH, 1);
            System.out.println("Customer sees: " + kb.read(customer, id).orElseThrow().content().title());

            // A customer searches (with a typo) and opens the article, rendered as sanitized HTML.
            kb.refresh(); // searchable at once (otherwise within the engine's refresh bound, under a second)
            SearchHit hit = kb.search(customer, SearchRequest.of("reset pasword")).hits().getFirst();
            RenderedArticle page = kb.render(customer, hit.articleId()).orElseThrow();
            System.out.println("Search finds: " + hit.title() + " -> " + page.html().html());

            // Edit it: customers keep seeing revision 1 until revision 2 is published.
            Revision r2 = kb.edit(alice, id, Locale.ENGLISH, 1,
                    ArticleContent.of("Reset your password", "Open **Settings > Security**, choose *Reset password*"
                            + " and check your inbox for the link."), "Mention the e-mail");
            System.out.println("Customer still sees revision " + kb.read(customer, id).orElseThrow().revision());

            // What changed, line by line.
            RevisionDiff diff = kb.diff(alice, id, Locale.ENGLISH, 1, r2.number());
            System.out.println(diff.unifiedBody());

            // Changed our mind: restore revision 1 as revision 3 (history is never rewritten).
            Revision r3 = kb.restoreRevision(alice, id, Locale.ENGLISH, 1, r2.number(), "Back to the short one");
            System.out.println("Revision " + r3.number() + " restores revision " + r3.restoredFrom()
                    + "; history has " + kb.history(alice, id, Locale.ENGLISH).size() + " revisions");
        }
    }
}
// end::quickstart[]
