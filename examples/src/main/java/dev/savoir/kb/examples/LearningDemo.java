package dev.savoir.kb.examples;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.learning.VocabularyCandidate;
import dev.savoir.kb.reports.KpiReport;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The demo's self-learning step: customers who search "passcode", find nothing and then click a result of
 * "password"; the knowledge manager's approval queue proposes the synonym, the manager approves it, and the next
 * search of "passcode" finds the password articles. Then the KPI report of the day.
 */
public final class LearningDemo {
    private LearningDemo() {
    }

    /** Runs the step on {@code kb} as {@code manager}, printing to {@code out}; returns the queue it showed. */
    public static List<VocabularyCandidate> run(KnowledgeBase kb, Actor manager, PrintStream out) {
        ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
        for (int i = 0; i < 4; i++) {
            String session = "learning-session-" + i;
            kb.search(customer, SearchRequest.of("passcode"), session);
            SearchResponse r = kb.search(customer, SearchRequest.of("password"), session);
            if (!r.hits().isEmpty()) {
                kb.analytics().recordClick(session, customer, "password", r.hits().getFirst().articleId(), 1);
            }
        }
        Instant to = Instant.now().plusSeconds(1);
        Instant from = to.minus(Duration.ofDays(1));
        List<VocabularyCandidate> queue = kb.learning().candidates(manager, from, to, 10);
        out.println("Approval queue (learned from " + kb.learning().minSessions() + "+ distinct sessions):");
        for (VocabularyCandidate c : queue) {
            out.printf("  %-45s %d sessions, share %.2f%n", c.pair(), c.sessions(), c.share());
        }
        out.printf("\"passcode\" before approval: %d hits%n",
                kb.search(customer, SearchRequest.of("passcode")).totalHits());
        queue.stream().filter(c -> c.pair().from().equals("passcode")).findFirst()
                .ifPresent(c -> kb.learning().approve(manager, c.pair()));
        SearchResponse after = kb.search(customer, SearchRequest.of("passcode"));
        out.printf("\"passcode\" after approval:  %d hits%s%n", after.totalHits(),
                after.hits().isEmpty() ? "" : ", first " + after.hits().getFirst().articleId());
        KpiReport k = kb.learning().kpis(manager, from, to);
        out.printf("KPIs of the day: deflection %.0f%%, searches without a click %.0f%%, gaps %d opened / %d closed, "
                + "%d owners with reviews overdue%n", k.deflection().rate() * 100,
                k.searches().withoutClickRate() * 100, k.gaps().opened(), k.gaps().closed(),
                k.overdueReviews().size());
        return queue;
    }
}
