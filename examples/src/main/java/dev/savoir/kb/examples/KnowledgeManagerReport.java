package dev.savoir.kb.examples;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.StaleArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A knowledge manager's morning report after a day of help-center searches: the knowledge gaps (what customers
 * searched and did not find), the stale articles and the outdated translations.
 */
public final class KnowledgeManagerReport {
    /** A day of help-center searches: (language, query, whether the customer clicked the first result). */
    static final List<String[]> DAY = List.of(
            new String[] {"en", "reset password", "click"},
            new String[] {"en", "reset password", "click"},
            new String[] {"en", "hub offline", "click"},
            new String[] {"fr", "réinitialiser mot de passe", "click"},
            new String[] {"en", "gift card", "none"},
            new String[] {"en", "gift card balance", "none"},
            new String[] {"en", "Gift card", "none"},
            new String[] {"fr", "carte cadeau", "none"},
            new String[] {"en", "change delivery address", "none"},
            new String[] {"en", "change delivery address", "none"},
            new String[] {"en", "invoice", "click"},
            new String[] {"en", "cancel subscription", "click"},
            new String[] {"en", "bulb flickering", "none"});

    private KnowledgeManagerReport() {
    }

    /** Replays the day's searches (and clicks) through the search engine, as customers. */
    public static void simulateDay(KnowledgeBase kb) {
        int session = 0;
        for (String[] s : DAY) {
            ViewerContext viewer = ViewerContext.external(Locale.forLanguageTag(s[0]));
            String sid = "session-" + session++;
            SearchResponse r = kb.search(viewer, SearchRequest.of(s[1]), sid);
            if (s[2].equals("click") && !r.hits().isEmpty()) {
                SearchHit first = r.hits().getFirst();
                kb.analytics().recordClick(sid, viewer, s[1], first.articleId(), 1);
            }
        }
        kb.analytics().flush();
    }

    /** Prints the report. */
    public static void print(KnowledgeBase kb, Instant now) {
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofMinutes(1));
        System.out.println("Knowledge gaps (searched, nothing found or nothing clicked):");
        for (QueryStats q : kb.analytics().knowledgeGaps(from, to, 10)) {
            System.out.printf("  %-28s [%s] searched %d, zero results %d, clicks %d%n", q.query(), q.language(),
                    q.searches(), q.zeroResultSearches(), q.clicks());
        }
        System.out.println("Stale articles (review overdue, or untouched for 180 days):");
        for (StaleArticle s : kb.staleArticles(Duration.ofDays(180))) {
            System.out.printf("  %-28s owner %s%s%n", s.articleId(), s.owner(),
                    s.reviewOverdue() ? ", review was due " + s.reviewDueAt() : "");
        }
        System.out.println("Outdated translations:");
        for (OutdatedTranslation t : kb.outdatedTranslations()) {
            System.out.printf("  %-28s [%s] translated from revision %d, source is at %d%n", t.articleId(),
                    t.locale().toLanguageTag(), t.translatedFrom(), t.sourceRevision());
        }
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 && !args[0].isBlank() ? Path.of(args[0])
                : TempFolder.create("savoir-report");
        try (KnowledgeBase kb = SampleKnowledgeBase.open(folder, Clock.systemUTC())) {
            simulateDay(kb);
            print(kb, Instant.now());
        }
    }
}
