package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.internal.PgSchedulerLease;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The node that {@link NodeKillIT} kills, in a JVM of its own: a knowledge base on the parent's database (the
 * {@code savoir.test.postgres.*} properties) with its own index folder and a scheduler that runs every second. It
 * waits until its scheduler holds the lease, says so, then creates, edits, publishes, archives and imports
 * ({@code createAll}) as fast as it can, printing one line per acknowledged write, until it is killed.
 *
 * <p>Arguments: schema, index folder, round, seed. Lines, each printed only after the call returned: {@code LEASE};
 * {@code C id} (created, draft revision 1); {@code E id rev} (edited: new draft revision); {@code P id rev}
 * (published); {@code A id} (archived); {@code B id} (created by a batch import, draft revision 1).
 */
public final class NodeKillChild {
    /** A word in every body, to count what readers find. */
    static final String COMMON = "savoirnode";

    private NodeKillChild() {
    }

    /** A token unique to one revision of one article, letters only so that every analyzer keeps it whole. */
    static String token(String id, int revision) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L + revision;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        StringBuilder sb = new StringBuilder("qn");
        for (int i = 0; i < 12; i++) {
            sb.append((char) ('a' + (int) Math.floorMod(h, 26L)));
            h = Long.divideUnsigned(h, 26);
        }
        return sb.toString();
    }

    static ArticleContent content(String id, int revision) {
        return ArticleContent.of("Node " + token(id, revision), "The " + COMMON + " body of " + id + ", revision "
                + revision + ".");
    }

    /** A node on {@code schema}: scheduler every {@code schedulerInterval}, following every second. */
    static KnowledgeBase open(PostgresStores stores, Path index, Duration schedulerInterval) {
        return stores.configure(KnowledgeBase.builder()).directory(index).searchEngine(LuceneSearchEngine.factory())
                .requireReview(false).schedulerInterval(schedulerInterval).followInterval(Duration.ofSeconds(1))
                .build();
    }

    public static void main(String[] args) throws Exception {
        String schema = args[0];
        Path index = Path.of(args[1]);
        String round = args[2];
        Random rnd = new Random(Long.parseLong(args[3]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        try (HikariDataSource ds = TestPostgres.get().dataSource(6)) {
            PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(schema).open();
            try (KnowledgeBase kb = open(stores, index, Duration.ofSeconds(1))) {
                PgSchedulerLease lease = (PgSchedulerLease) stores.schedulerLease();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!lease.held() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                if (!lease.held()) {
                    System.err.println("the scheduler of this node did not take the lease within 30 s");
                    System.exit(3);
                }
                out.println("LEASE");
                write(kb, round, rnd, out);
            }
        }
    }

    private static void write(KnowledgeBase kb, String round, Random rnd, PrintStream out) {
        List<String> editable = new ArrayList<>();
        List<Integer> latest = new ArrayList<>();
        for (int n = 0; ; n++) {
            int op = rnd.nextInt(100);
            if (op < 35 || editable.isEmpty()) {
                String id = "n" + round + "-" + n;
                kb.create(FollowerTest.EDITOR, NewArticle.builder(id).category("Kill > Node")
                        .visibility(Visibility.PUBLIC).title(content(id, 1).title()).body(content(id, 1).body())
                        .build());
                out.println("C " + id);
                if (rnd.nextBoolean()) {
                    kb.publish(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN, 1);
                    out.println("P " + id + " 1");
                }
                editable.add(id);
                latest.add(1);
            } else if (op < 75) {
                int i = rnd.nextInt(editable.size());
                String id = editable.get(i);
                int rev = latest.get(i) + 1;
                kb.edit(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN, rev - 1, content(id, rev),
                        "node kill test edit");
                latest.set(i, rev);
                out.println("E " + id + " " + rev);
                if (rnd.nextInt(3) > 0) {
                    kb.publish(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN, rev);
                    out.println("P " + id + " " + rev);
                }
            } else if (op < 85) {
                int i = rnd.nextInt(editable.size());
                String id = editable.remove(i);
                latest.remove(i);
                kb.archive(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN);
                out.println("A " + id);
            } else {
                List<NewArticle> batch = new ArrayList<>();
                int size = 5 + rnd.nextInt(40);
                for (int b = 0; b < size; b++) {
                    String id = "n" + round + "-" + n + "-b" + b;
                    batch.add(NewArticle.builder(id).category("Kill > Import").visibility(Visibility.PUBLIC)
                            .title(content(id, 1).title()).body(content(id, 1).body()).build());
                }
                kb.createAll(FollowerTest.EDITOR, batch);
                StringBuilder line = new StringBuilder();
                for (NewArticle a : batch) {
                    line.append("B ").append(a.id().value()).append('\n');
                    editable.add(a.id().value());
                    latest.add(1);
                }
                out.print(line);
                out.flush();
            }
        }
    }
}
