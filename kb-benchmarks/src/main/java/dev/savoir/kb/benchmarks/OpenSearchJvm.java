package dev.savoir.kb.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of kb-opensearch's measuring programs in a second JVM, on kb-opensearch's test classpath (OpenSearch
 * brings Lucene 10.5, and this module's classpath holds kb-lucene's Lucene 10.6; both cannot share a JVM). The
 * classpath is the file {@code kb-opensearch/target/test.classpath} that kb-opensearch's build writes
 * ({@code ./mvnw -q -pl kb-opensearch -am test-compile}), looked up from the working folder or its parent, or named by
 * the system property {@code savoir.opensearch.classpath}.
 */
final class OpenSearchJvm {
    /** kb-opensearch's relevance entry point. */
    static final String RELEVANCE = "dev.savoir.kb.opensearch.OpenSearchRelevance";
    /** kb-opensearch's latency entry point. */
    static final String LATENCY = "dev.savoir.kb.opensearch.OpenSearchLatency";
    private static final String FILE = "kb-opensearch/target/test.classpath";

    private OpenSearchJvm() {
    }

    /** Runs {@code mainClass} with {@code args} in a new JVM on kb-opensearch's classpath; returns its exit code. */
    static int run(String mainClass, List<String> args) {
        return run(jvmFlags(), classpath(), mainClass, args, ProcessBuilder.Redirect.INHERIT);
    }

    /** This JVM's module, native-access and heap flags, for a child that should run as this one does. */
    static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
                        || a.startsWith("-Xm"))
                .toList();
    }

    /**
     * Runs {@code mainClass} in a new JVM (this JVM's {@code java}) with {@code jvmArgs} on {@code classpath}, its
     * standard output going to {@code out}; returns its exit code.
     */
    static int run(List<String> jvmArgs, String classpath, String mainClass, List<String> args,
                   ProcessBuilder.Redirect out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OpenSearch JVM: " + cmd.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the OpenSearch JVM", e);
        }
    }

    /** kb-opensearch's test classpath, from the file its build writes. */
    static String classpath() {
        String named = System.getProperty("savoir.opensearch.classpath");
        List<Path> candidates = named != null ? List.of(Path.of(named)) : List.of(Path.of(FILE), Path.of("..", FILE));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                try {
                    Path module = c.toAbsolutePath().getParent().getParent();
                    return module.resolve("target/test-classes") + java.io.File.pathSeparator
                            + module.resolve("target/classes") + java.io.File.pathSeparator
                            + Files.readString(c, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("kb-opensearch's test classpath was not found at " + candidates
                + ": build it first with ./mvnw -q -pl kb-opensearch -am test-compile (from the repository root), "
                + "or name the file with -Dsavoir.opensearch.classpath=PATH");
    }
}
