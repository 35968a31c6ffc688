package dev.savoir.kb.opensearch;

import dev.savoir.kb.eval.BeirRelevance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The relevance tool on kb-opensearch: starts a single OpenSearch node in this JVM (data in a temporary folder,
 * deleted at the end), loads a BEIR folder into an in-memory knowledge base on the engine's default settings, and
 * prints the same line as kb-lucene's run ({@link BeirRelevance}, the same loading and metrics code):
 * {@code dataset=NAME queries=N ndcg@10=0.xxxx recall@100=0.xxxx mrr@10=0.xxxx}. It runs on kb-opensearch's test
 * classpath; kb-benchmarks' {@code Relevance FOLDER --engine opensearch} starts it in a second JVM.
 *
 * <p>Usage: {@code OpenSearchRelevance FOLDER [--locale en|fr]}.
 */
public final class OpenSearchRelevance {
    private static final String USAGE = "usage: OpenSearchRelevance FOLDER [--locale en|fr]";

    private OpenSearchRelevance() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the node's threads are not daemons: end the JVM when the run is over
        System.exit(cli(args, System.out, System.err));
    }

    /** Runs the tool: prints the line on {@code out} and returns 0, or prints the usage on {@code err} and returns 2. */
    static int cli(String[] args, PrintStream out, PrintStream err) throws IOException {
        Path folder = null;
        Locale locale = Locale.ENGLISH;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--locale") && i + 1 < args.length) {
                locale = Locale.forLanguageTag(args[++i]);
            } else if (folder == null && !args[i].startsWith("--")) {
                folder = Path.of(args[i]);
            } else {
                err.println("unknown argument " + args[i] + " (semantic modes need kb-lucene: kb-opensearch is "
                        + "lexical); " + USAGE);
                return 2;
            }
        }
        if (folder == null) {
            err.println(USAGE);
            return 2;
        }
        out.println(run(folder, locale).line());
        return 0;
    }

    /** Evaluates a BEIR folder on a node started for the run. */
    static BeirRelevance.Result run(Path folder, Locale locale) throws IOException {
        try (Node node = Node.start()) {
            return BeirRelevance.evaluate(folder, locale, OpenSearchEngine.builder().hosts(node.url()).build());
        }
    }

    /** A node on a temporary folder, deleted with it when closed. */
    record Node(TestNode node, Path home) implements AutoCloseable {
        static Node start() throws IOException {
            Path home = Files.createTempDirectory("savoir-opensearch-");
            return new Node(TestNode.startNew(home, "node"), home);
        }

        String url() {
            return node.url();
        }

        @Override
        public void close() throws IOException {
            node.stop();
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
