package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The generated knowledge base a benchmark searches, opened both through Savoir and as a raw Lucene index. Its folder
 * is the system property {@value #DIR_PROPERTY} when set, else {@code <tmp>/savoir-bench-<docs>}; it is generated
 * there the first time and reused afterwards.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
public class BenchKb {
    /** The system property naming the knowledge base's folder. */
    public static final String DIR_PROPERTY = "savoir.bench.dir";

    /** The number of generated articles. */
    @Param("100000")
    public int docs;

    /** The knowledge base, through Savoir. */
    public KnowledgeBase kb;
    /** The same index, through raw Lucene. */
    public RawLucene raw;
    /** The generator (for query sets). */
    public KbGenerator generator;
    /** The folder. */
    public Path folder;

    /** The folder for a size: the system property when set, else one per size under the temporary folder. */
    public static Path folderFor(int docs) {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("java.io.tmpdir"), "savoir-bench-" + docs);
    }

    /** Generates the knowledge base if needed, then opens it twice. */
    @Setup(Level.Trial)
    public void open() {
        generator = new KbGenerator(KbGenerator.DEFAULT_SEED);
        folder = folderFor(docs);
        generator.ensure(folder, docs);
        raw = new RawLucene(folder);
        kb = KbGenerator.kbBuilder(folder).build();
    }

    /** Closes both. */
    @TearDown(Level.Trial)
    public void close() {
        kb.close();
        raw.close();
    }
}
