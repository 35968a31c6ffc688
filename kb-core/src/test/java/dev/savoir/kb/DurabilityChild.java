package dev.savoir.kb;

import dev.savoir.kb.internal.store.FileArticleStore;
import dev.savoir.kb.spi.StoreCommit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The child JVM of the kill tests: writes as fast as it can and prints one line per acknowledged write, so that the
 * parent, after killing it with SIGKILL at a random moment, knows exactly what must have survived.
 *
 * <p>Modes: {@code facade ROUND} (creates, edits and publishes through the KnowledgeBase), {@code bulk ROUND}
 * (grouped {@code commitAll} writes straight to the store), {@code hold} (opens the store and waits).
 */
public final class DurabilityChild {
    static final Actor WRITER = Actor.of("writer", Role.ADMIN);

    private DurabilityChild() {
    }

    static String body(String id, int revision) {
        return "Body of " + id + " revision " + revision + ". ".repeat(revision * 7) + "é".repeat(revision);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        switch (mode) {
            case "hold" -> {
                try (FileArticleStore store = FileArticleStore.open(dir.resolve("store"), null)) {
                    out.println("HOLDING");
                    Thread.sleep(60_000);
                }
            }
            case "facade" -> facade(dir, args[2], out);
            case "bulk" -> bulk(dir, args[2], out);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void facade(Path dir, String round, PrintStream out) {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).requireReview(false)
                .schedulerInterval(Duration.ZERO).build()) {
            out.println("OPEN");
            for (int n = 0; ; n++) {
                String id = "r" + round + "-" + n;
                ArticleId aid = ArticleId.of(id);
                kb.create(WRITER, NewArticle.builder(id).category("Kill > Tests").visibility(Visibility.PUBLIC)
                        .title("Article " + id).body(body(id, 1)).build());
                out.println("C " + id + " 1");
                for (int rev = 2; rev <= 3; rev++) {
                    kb.edit(WRITER, aid, Locale.ENGLISH, rev - 1, ArticleContent.of("Article " + id, body(id, rev)),
                            "edit");
                    out.println("E " + id + " " + rev);
                }
                kb.publish(WRITER, aid, Locale.ENGLISH, 3);
                out.println("P " + id + " 3");
            }
        }
    }

    private static void bulk(Path dir, String round, PrintStream out) {
        try (FileArticleStore store = FileArticleStore.open(dir.resolve("store"), null)) {
            out.println("OPEN");
            java.time.Instant now = java.time.Instant.now();
            for (int batch = 0; ; batch++) {
                List<StoreCommit> commits = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String id = "b" + round + "-" + batch + "-" + i;
                    ArticleId aid = ArticleId.of(id);
                    Translation t = new Translation(Locale.ENGLISH, TranslationState.DRAFT, 1, null, null, null, null,
                            null, null, now);
                    Article a = new Article(aid, 1, CategoryPath.of("Kill", "Bulk"), ArticleType.FAQ, "", Set.of(),
                            Map.of(), Visibility.PUBLIC, Locale.ENGLISH, null, null, null, null, now, now,
                            Map.of(Locale.ENGLISH, t));
                    Revision r = new Revision(aid, Locale.ENGLISH, 1, ArticleContent.of("Article " + id, body(id, 1)),
                            "writer", now, "import", "h", null);
                    commits.add(new StoreCommit(a, 0, List.of(r), List.of()));
                    ids.add(id);
                }
                store.commitAll(commits);
                for (String id : ids) {
                    out.println("C " + id + " 1");
                }
            }
        }
    }
}
