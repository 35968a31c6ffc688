package dev.savoir.kb.lucene;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.KnowledgeBaseBuilder;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Test helpers: a knowledge base with the Lucene engine, and one-line publishing. */
final class Fixtures {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final ViewerContext CUSTOMER_EN = ViewerContext.external(Locale.ENGLISH);
    static final ViewerContext CUSTOMER_FR = ViewerContext.external(Locale.FRENCH);
    static final ViewerContext AGENT_EN = ViewerContext.internal(Locale.ENGLISH);

    private Fixtures() {
    }

    static KnowledgeBaseBuilder builder() {
        return KnowledgeBase.builder().requireReview(false).schedulerInterval(Duration.ZERO);
    }

    static KnowledgeBase inMemory() {
        return builder().inMemory().searchEngine(LuceneSearchEngine.factory()).build();
    }

    static void publish(KnowledgeBase kb, String id, Locale locale, Visibility visibility, String title, String body) {
        publish(kb, NewArticle.builder(id).category("Help > General").visibility(visibility).locale(locale)
                .title(title).body(body).build());
    }

    static void publish(KnowledgeBase kb, NewArticle spec) {
        kb.create(ADMIN, spec);
        kb.publish(ADMIN, spec.id(), spec.sourceLocale(), 1);
    }

    static void publishTranslation(KnowledgeBase kb, String id, Locale locale, String title, String body) {
        ArticleId aid = ArticleId.of(id);
        Revision r = kb.addTranslation(ADMIN, aid, locale, ArticleContent.of(title, body), 1, "");
        kb.publish(ADMIN, aid, locale, r.number());
    }

    static List<String> ids(KnowledgeBase kb, ViewerContext viewer, String query) {
        kb.refresh();
        return kb.search(viewer, SearchRequest.of(query)).hits().stream().map(h -> h.articleId().value()).toList();
    }

    static List<SearchHit> hits(KnowledgeBase kb, ViewerContext viewer, SearchRequest request) {
        kb.refresh();
        return kb.search(viewer, request).hits();
    }
}
