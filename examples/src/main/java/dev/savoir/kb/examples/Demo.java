package dev.savoir.kb.examples;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.examples.helpcenter.HelpCenter;
import dev.savoir.kb.jdbc.TestPostgres;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo: imports the bundled sample knowledge base, then shows searches as a customer (English and French,
 * with a typo, without accents), agent assist on a noisy ticket, a knowledge manager's report, the feedback
 * inbox and learning paths (on a folder where they have not run yet), and a synonym learned from searches with the
 * KPI report. With
 * {@code --serve [port]} it then starts the help center on localhost and prints its address.
 *
 * <pre>./mvnw -q -pl examples -am package exec:exec -DskipTests -Ddemo.args=serve</pre>
 *
 * <p>With {@code cluster} it runs {@link ClusterDemo} instead: two nodes on one PostgreSQL, started by the demo from
 * the binaries on the class path (stopped when it exits), or the one named by {@code cluster jdbc:postgresql://...
 * [user [password]]}.
 */
public final class Demo {
    static final String[][] SEARCHES = {
            {"en", "reset password"},
            {"fr", "reinitialiser mot de passe"},
            {"en", "hub ofline"},
            {"fr", "résilier mon abonnement"},
            {"en", "invoice VAT number"},
    };

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>();
        for (String s : args) {
            if (!s.isBlank()) {
                a.addAll(List.of(s.strip().split("\\s+")));
            }
        }
        if (a.remove("--cluster") | a.remove("cluster")) {
            cluster(a);
            return;
        }
        boolean serve = a.remove("--serve") | a.remove("serve");
        int port = 8080;
        if (serve && !a.isEmpty() && a.getFirst().matches("\\d{1,5}")) {
            port = Integer.parseInt(a.removeFirst());
        }
        Path folder = a.isEmpty() ? TempFolder.create("savoir-demo") : Path.of(a.getFirst());
        System.out.println("Knowledge base folder: " + folder);
        try (KnowledgeBase kb = SampleKnowledgeBase.open(folder, Clock.systemUTC())) {
            System.out.println();
            System.out.println("== Searches as a customer of the help center (after one warm-up round of the JVM)");
            for (String[] s : SEARCHES) {
                kb.search(ViewerContext.external(Locale.forLanguageTag(s[0])), SearchRequest.of(s[1]));
            }
            for (String[] s : SEARCHES) {
                ViewerContext customer = ViewerContext.external(Locale.forLanguageTag(s[0]));
                SearchResponse r = kb.search(customer, SearchRequest.of(s[1]));
                System.out.printf("%s \"%s\": %d%s hits in %.2f ms%n", s[0], s[1], r.totalHits(),
                        r.totalHitsExact() ? "" : "+", r.took().toNanos() / 1e6);
                for (SearchHit h : r.hits().subList(0, Math.min(3, r.hits().size()))) {
                    System.out.printf("    %-28s %s%n", h.articleId(), h.title());
                }
            }
            System.out.println();
            System.out.println("== Agent assist (internal articles included)");
            AgentAssist.print(AgentAssist.suggest(kb));
            System.out.println();
            System.out.println("== Imports from CRMs (a Zendesk Guide export and a Dynamics 365 CSV)");
            CrmImportDemo.run(TempFolder.create("savoir-crm-import"), System.out);
            System.out.println();
            System.out.println("== Knowledge manager's report after a day of searches");
            KnowledgeManagerReport.simulateDay(kb);
            KnowledgeManagerReport.print(kb, java.time.Instant.now());
            if (kb.inbox().items(SampleKnowledgeBase.ADMIN, null).isEmpty()) {
                System.out.println();
                System.out.println("== Feedback inbox and learning paths");
                InboxAndLearning.print(kb, System.out);
            }
            System.out.println();
            System.out.println("== Self-learning search and the KPI report");
            LearningDemo.run(kb, SampleKnowledgeBase.ADMIN, System.out);
            if (serve) {
                try (HelpCenter hc = HelpCenter.start(kb, new InetSocketAddress("127.0.0.1", port),
                        SampleKnowledgeBase.attachments(folder), SampleKnowledgeBase.ADMIN)) {
                    System.out.println();
                    System.out.println("Help center running at " + hc.url() + " (Ctrl+C to stop); KPIs at "
                            + hc.url() + "admin/kpis");
                    Thread.currentThread().join();
                }
            }
        }
    }

    private static void cluster(List<String> args) throws IOException, InterruptedException {
        Path folder = TempFolder.create("savoir-cluster-demo");
        if (!args.isEmpty() && args.getFirst().startsWith("jdbc:")) {
            ClusterDemo.run(args.getFirst(), args.size() > 1 ? args.get(1) : "postgres",
                    args.size() > 2 ? args.get(2) : "", folder, System.out);
            return;
        }
        System.out.println("Starting PostgreSQL from the binaries on the class path...");
        TestPostgres pg = TestPostgres.get();
        ClusterDemo.run(pg.url(), pg.user(), pg.password(), folder, System.out);
    }
}
