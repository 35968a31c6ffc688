package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening the generated knowledge base (store replay from its checkpoint, index opened, no reindex needed), one
 * shot per iteration. Heap in use after opening and after a query mix is measured by {@link Footprint}.
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class OpenBench {
    /** The number of generated articles. */
    @Param("100000")
    public int docs;

    private KnowledgeBase kb;

    /** Generates the knowledge base if needed. */
    @Setup(Level.Trial)
    public void generate() {
        new KbGenerator(KbGenerator.DEFAULT_SEED).ensure(BenchKb.folderFor(docs), docs);
    }

    /** Closes what the shot opened. */
    @TearDown(Level.Invocation)
    public void close() {
        if (kb != null) {
            kb.close();
            kb = null;
        }
    }

    /** Opens the knowledge base. */
    @Benchmark
    public KnowledgeBase open() {
        kb = KbGenerator.kbBuilder(BenchKb.folderFor(docs)).build();
        return kb;
    }
}
