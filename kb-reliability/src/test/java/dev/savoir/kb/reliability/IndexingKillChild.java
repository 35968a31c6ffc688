package dev.savoir.kb.reliability;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The child JVM of {@link KillIndexingIT}: a knowledge base with the Lucene engine and the Markdown renderer that
 * creates, edits, publishes, archives and imports ({@code createAll}) as fast as it can, and prints one line per
 * acknowledged write so that the parent, after a SIGKILL, knows what must have survived.
 *
 * <p>Lines, each printed only after the call returned: {@code OPEN}; {@code C id rev visibility} (created, draft;
 * visibility {@code PUBLIC} or {@code INTERNAL}); {@code E id rev} (edited, new draft revision); {@code P id rev}
 * (revision published); {@code A id} (archived); {@code B id} (created public by a batch import).
 */
public final class IndexingKillChild {
    static final Actor WRITER = Actor.of("kill-writer", Role.ADMIN);
    /** A word in every body, to count what readers can find. */
    static final String COMMON = "savoirkill";

    private IndexingKillChild() {
    }

    /** A token unique to one revision of one article, letters only so that every analyzer keeps it whole. */
    static String token(String id, int revision) {
        // Mixed (SplitMix64) so that two revisions' tokens differ in most letters: fuzzy matching never joins them.
        long h = id.hashCode() * 0x9E3779B97F4A7C15L + revision;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        StringBuilder sb = new StringBuilder("qz");
        for (int i = 0; i < 10; i++) {
            sb.append((char) ('a' + (int) Math.floorMod(h, 26L)));
            h = Long.divideUnsigned(h, 26);
        }
        return sb.append(id.replaceAll("[^a-z]", "")).toString();
    }

    static String title(String id, int revision) {
        return "Kill " + token(id, revision);
    }

    static String body(String id, int revision) {
        return "# " + id + "\n\nThe " + COMMON + " body of revision " + revision + ". " + "Filler text. ".repeat(
                1 + revision % 5);
    }

    static KnowledgeBase open(Path dir) {
        return KnowledgeBase.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false).schedulerInterval(Duration.ZERO).build();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        Random rnd = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        try (KnowledgeBase kb = open(dir)) {
            out.println("OPEN");
            List<String> editable = new ArrayList<>();
            List<Integer> latest = new ArrayList<>();
            for (int n = 0; ; n++) {
                int op = rnd.nextInt(100);
                if (op < 35 || editable.isEmpty()) {
                    String id = "k" + round + "-" + n;
                    Visibility vis = rnd.nextInt(5) == 0 ? Visibility.INTERNAL : Visibility.PUBLIC;
                    kb.create(WRITER, NewArticle.builder(id).category("Kill > Index").visibility(vis)
                            .title(title(id, 1)).body(body(id, 1)).build());
                    out.println("C " + id + " 1 " + (vis.equals(Visibility.PUBLIC) ? "PUBLIC" : "INTERNAL"));
                    if (rnd.nextBoolean()) {
                        kb.publish(WRITER, ArticleId.of(id), Locale.ENGLISH, 1);
                        out.println("P " + id + " 1");
                    }
                    editable.add(id);
                    latest.add(1);
                } else if (op < 75) {
                    int i = rnd.nextInt(editable.size());
                    String id = editable.get(i);
                    int rev = latest.get(i) + 1;
                    kb.edit(WRITER, ArticleId.of(id), Locale.ENGLISH, rev - 1,
                            ArticleContent.of(title(id, rev), body(id, rev)), "kill test edit");
                    latest.set(i, rev);
                    out.println("E " + id + " " + rev);
                    if (rnd.nextInt(3) > 0) {
                        kb.publish(WRITER, ArticleId.of(id), Locale.ENGLISH, rev);
                        out.println("P " + id + " " + rev);
                    }
                } else if (op < 85) {
                    int i = rnd.nextInt(editable.size());
                    String id = editable.remove(i);
                    latest.remove(i);
                    kb.archive(WRITER, ArticleId.of(id), Locale.ENGLISH);
                    out.println("A " + id);
                } else {
                    List<NewArticle> batch = new ArrayList<>();
                    int size = 5 + rnd.nextInt(40);
                    for (int b = 0; b < size; b++) {
                        String id = "k" + round + "-" + n + "-b" + b;
                        batch.add(NewArticle.builder(id).category("Kill > Import").visibility(Visibility.PUBLIC)
                                .title(title(id, 1)).body(body(id, 1)).build());
                    }
                    kb.createAll(WRITER, batch);
                    StringBuilder line = new StringBuilder();
                    for (NewArticle a : batch) {
                        line.append("B ").append(a.id().value()).append('\n');
                    }
                    out.print(line);
                    out.flush();
                    for (NewArticle a : batch) {
                        editable.add(a.id().value());
                        latest.add(1);
                    }
                }
            }
        }
    }
}
