package dev.savoir.kb.opensearch;

import dev.savoir.kb.eval.BeirRelevance;
import dev.savoir.kb.eval.SearchLatency;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The latency of the whole public search call on kb-opensearch, with a single node in this JVM over HTTP on
 * 127.0.0.1 (no network between them: the figure is the engine's and the client's cost, a lower bound for a real
 * cluster). Prints {@link SearchLatency.Result#line()}. kb-benchmarks' {@code EngineLatency} runs it alternately
 * with the embedded engine's run.
 *
 * <p>Usage: {@code OpenSearchLatency FOLDER [--locale en|fr] [--warmup N] [--calls N]}.
 */
public final class OpenSearchLatency {
    private OpenSearchLatency() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        SearchLatency.Options o = SearchLatency.Options.parse(args);
        try (OpenSearchRelevance.Node node = OpenSearchRelevance.Node.start();
             BeirRelevance.Loaded c = BeirRelevance.load(Path.of(o.folder()), o.locale(),
                     OpenSearchEngine.builder().hosts(node.url()).build())) {
            System.out.println(SearchLatency.measure("opensearch", c, o.warmup(), o.calls()).line());
        }
        System.exit(0);
    }
}
