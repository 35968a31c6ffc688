package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Agent assist on ~300-word tickets (internal viewer), autocomplete of title prefixes (external viewer) and related
 * articles. These have no raw-Lucene twin: their cost is mostly the SDK's own text work (ticket cleaning, term
 * selection), so the gate watches them through their absolute times only.
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class AssistBench {
    private List<KbGenerator.Ticket> tickets;
    private List<String> prefixes;
    private final Actor agent = Actor.of("agent", Role.AGENT);
    private final ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
    private int next;

    /** Generates the tickets and prefixes. */
    @Setup(Level.Trial)
    public void setUp(BenchKb b) {
        tickets = b.generator.tickets(64);
        prefixes = b.generator.prefixes(64);
    }

    /** Agent assist: articles for a ticket. */
    @Benchmark
    public Object assist(BenchKb b) {
        KbGenerator.Ticket t = tickets.get(next);
        next = (next + 1) % tickets.size();
        return b.kb.suggestForTicket(agent, Locale.ENGLISH, t.subject(), t.description(), 5);
    }

    /** Autocomplete of what a customer typed. */
    @Benchmark
    public Object autocomplete(BenchKb b) {
        String p = prefixes.get(next);
        next = (next + 1) % prefixes.size();
        return b.kb.autocomplete(customer, p, 8);
    }

    /** Related articles of an article. */
    @Benchmark
    public Object related(BenchKb b) {
        next = (next + 7919) % b.docs;
        return b.kb.related(customer, ArticleId.of(KbGenerator.id(next)), 5);
    }
}
