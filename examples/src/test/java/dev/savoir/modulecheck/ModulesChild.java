package dev.savoir.modulecheck;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The child JVM of {@link ModulesOnTheModulePathIT}: kb-core, kb-lucene and kb-markdown are named modules on the
 * module path; this class, on the class path, opens a knowledge base with the Lucene engine and the Markdown renderer,
 * publishes an article, finds it with a typo, renders it (sanitized) and reopens the folder. Prints
 * {@code OK <details>} on success; any failure ends it with a stack trace.
 */
public final class ModulesChild {
    private ModulesChild() {
    }

    public static void main(String[] args) {
        for (Class<?> c : new Class<?>[] {KnowledgeBase.class, LuceneSearchEngine.class, MarkdownRenderer.class}) {
            if (!c.getModule().isNamed()) {
                throw new IllegalStateException(c.getName() + " is not on the module path: " + c.getModule());
            }
        }
        Path folder = Path.of(args[0]);
        Actor editor = Actor.of("editor@example.com", Role.ADMIN);
        ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
        int hits;
        String html;
        try (KnowledgeBase kb = open(folder)) {
            kb.create(editor, NewArticle.builder("reset-password").category("Account").visibility(Visibility.PUBLIC)
                    .locale(Locale.ENGLISH).title("Reset your password")
                    .body("Open **Settings** <script>alert(1)</script> and choose *Reset*.").build());
            kb.publish(editor, ArticleId.of("reset-password"), Locale.ENGLISH, 1);
            kb.refresh();
            SearchResponse found = kb.search(customer, SearchRequest.builder("pasword").build());
            hits = found.hits().size();
            html = MarkdownRenderer.create().toHtml("Open **Settings** <script>alert(1)</script>");
        }
        int reopened;
        try (KnowledgeBase kb = open(folder)) {
            reopened = kb.search(customer, SearchRequest.builder("settings").build()).hits().size();
        }
        if (html.contains("<script")) {
            throw new IllegalStateException("the renderer let a script through: " + html);
        }
        System.out.println("OK hits=" + hits + " reopened=" + reopened + " bold=" + html.contains("<strong>Settings"));
    }

    private static KnowledgeBase open(Path folder) {
        return KnowledgeBase.builder().directory(folder).renderer(MarkdownRenderer.create())
                .searchEngine(LuceneSearchEngine.factory()).requireReview(false).build();
    }
}
