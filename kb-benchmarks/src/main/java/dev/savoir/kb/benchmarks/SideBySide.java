package dev.savoir.kb.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Savoir's whole public search call next to Hibernate Search 8.1 (standalone POJO mapper, Lucene backend) on the
 * same BEIR collection, documents and judged queries: each round starts one fresh JVM per library, the order
 * alternating from round to round (Hibernate Search pins Lucene 9.12, Savoir 10.6: they cannot share a JVM), both
 * with this JVM's {@code java} and the same flags ({@code --add-modules jdk.incubator.vector},
 * {@code --enable-native-access=ALL-UNNAMED}, {@code -Xmx2g} unless {@code --heap} says otherwise). The children are
 * {@link SavoirCall} on this JVM's classpath and kb-hsearch-bench's {@code HibernateSearchCall} on the classpath its
 * build writes ({@code kb-hsearch-bench/target/runtime.classpath}, after
 * {@code ./mvnw -q -pl kb-hsearch-bench process-classes}, looked up from the working folder or its parent, or named
 * by the system property {@code savoir.hsearch.classpath}). Prints every child's lines, then per shape the median over
 * the rounds of each library's p50 and p99 and the ratio savoir/hsearch of the medians of p50, then each library's
 * median indexing seconds and the nDCG@10 of the plain shape.
 *
 * <p>Usage: {@code SideBySide FOLDER [--locale en|fr] [--warmup N] [--calls N] [--rounds N] [--heap SIZE]} (defaults:
 * 300 warm-up calls, 2000 timed calls per shape, 3 rounds, 2g).
 */
public final class SideBySide {
    /** kb-hsearch-bench's entry point. */
    static final String HSEARCH = "dev.savoir.kb.hsearch.HibernateSearchCall";
    private static final String FILE = "kb-hsearch-bench/target/runtime.classpath";
    private static final List<String> LIBS = List.of("hsearch", "savoir");

    private SideBySide() {
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        int rounds = take(rest, "--rounds", "3");
        String heap = takeString(rest, "--heap", "2g");
        if (!heap.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException("--heap takes a size such as 2g, got " + heap);
        }
        SavoirCall.Options.parse(rest.toArray(String[]::new));
        if (rest.contains("--shape")) {
            throw new IllegalArgumentException("SideBySide runs every shape: --shape is for SavoirCall alone");
        }
        List<String> jvm = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + heap);
        String hsearchClasspath = hsearchClasspath();
        System.out.println("java=" + System.getProperty("java.version") + " jvm=" + String.join(" ", jvm)
                + " rounds=" + rounds);
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<String> order = r % 2 == 0 ? LIBS : LIBS.reversed();
            for (String lib : order) {
                lines.addAll(lib.equals("hsearch")
                        ? child(jvm, hsearchClasspath, HSEARCH, rest)
                        : child(jvm, System.getProperty("java.class.path"), SavoirCall.class.getName(), rest));
            }
        }
        summary(lines).forEach(System.out::println);
    }

    /**
     * The summary of the children's lines: per shape the medians of p50 and p99 of each library and the ratio
     * savoir/hsearch of the medians of p50, then the median indexing seconds and nDCG@10 of each library.
     */
    static List<String> summary(List<String> lines) {
        Map<String, Map<String, List<Double>>> p50 = new HashMap<>();
        Map<String, Map<String, List<Double>>> p99 = new HashMap<>();
        Map<String, List<Double>> index = new HashMap<>();
        Map<String, List<Double>> ndcg = new HashMap<>();
        List<String> shapes = new ArrayList<>();
        for (String line : lines) {
            Map<String, String> f = fields(line);
            String lib = f.get("lib");
            String shape = f.get("shape");
            if (lib == null || shape == null || !LIBS.contains(lib) || !f.containsKey("p50_us")
                    || !f.containsKey("p99_us") || !f.containsKey("index_s")) {
                throw new IllegalArgumentException("not a search-call line: " + line);
            }
            if (!shapes.contains(shape)) {
                shapes.add(shape);
            }
            p50.computeIfAbsent(shape, s -> new HashMap<>()).computeIfAbsent(lib, l -> new ArrayList<>())
                    .add(number(f, "p50_us", line));
            p99.computeIfAbsent(shape, s -> new HashMap<>()).computeIfAbsent(lib, l -> new ArrayList<>())
                    .add(number(f, "p99_us", line));
            if (shape.equals("plain")) {
                index.computeIfAbsent(lib, l -> new ArrayList<>()).add(number(f, "index_s", line));
                if (f.containsKey("ndcg10")) {
                    ndcg.computeIfAbsent(lib, l -> new ArrayList<>()).add(number(f, "ndcg10", line));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String shape : shapes) {
            Map<String, List<Double>> a = p50.get(shape);
            Map<String, List<Double>> b = p99.get(shape);
            if (!a.containsKey("hsearch") || !a.containsKey("savoir")) {
                throw new IllegalArgumentException("the shape " + shape + " was not measured on both libraries");
            }
            double hs = median(a.get("hsearch"));
            double sv = median(a.get("savoir"));
            out.add(String.format(Locale.ROOT, "shape=%s rounds=%d hsearch_p50_us=%.0f savoir_p50_us=%.0f "
                    + "ratio=%.2f hsearch_p99_us=%.0f savoir_p99_us=%.0f", shape, a.get("savoir").size(), hs, sv,
                    sv / hs, median(b.get("hsearch")), median(b.get("savoir"))));
        }
        if (index.containsKey("hsearch") && index.containsKey("savoir")) {
            out.add(String.format(Locale.ROOT, "index_s hsearch=%.2f savoir=%.2f", median(index.get("hsearch")),
                    median(index.get("savoir"))));
        }
        if (ndcg.containsKey("hsearch") && ndcg.containsKey("savoir")) {
            out.add(String.format(Locale.ROOT, "ndcg10 hsearch=%.4f savoir=%.4f", median(ndcg.get("hsearch")),
                    median(ndcg.get("savoir"))));
        }
        return out;
    }

    private static List<String> child(List<String> jvm, String classpath, String main, List<String> args)
            throws IOException {
        Path out = Files.createTempFile("savoir-side-by-side-", ".txt");
        try {
            int code = OpenSearchJvm.run(jvm, classpath, main, args, ProcessBuilder.Redirect.to(out.toFile()));
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            List<String> lines = text.lines().filter(l -> l.startsWith("lib=")).toList();
            if (code != 0 || lines.isEmpty()) {
                throw new IllegalStateException(main + " failed with exit code " + code + ": " + text);
            }
            lines.forEach(System.out::println);
            return lines;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** kb-hsearch-bench's classes and runtime classpath, from the file its build writes. */
    static String hsearchClasspath() {
        String named = System.getProperty("savoir.hsearch.classpath");
        List<Path> candidates = named != null ? List.of(Path.of(named)) : List.of(Path.of(FILE), Path.of("..", FILE));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                try {
                    Path module = c.toAbsolutePath().getParent().getParent();
                    return module.resolve("target/classes") + File.pathSeparator
                            + Files.readString(c, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("kb-hsearch-bench's classpath was not found at " + candidates
                + ": build it first with ./mvnw -q -pl kb-hsearch-bench process-classes (from the repository root), "
                + "or name the file with -Dsavoir.hsearch.classpath=PATH");
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        for (String kv : line.strip().split(" ")) {
            String[] f = kv.split("=", 2);
            if (f.length != 2) {
                throw new IllegalArgumentException("not a search-call line: " + line);
            }
            out.put(f[0], f[1]);
        }
        return out;
    }

    private static double number(Map<String, String> f, String key, String line) {
        try {
            return Double.parseDouble(f.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + key + " in: " + line, e);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static int take(List<String> args, String name, String dflt) {
        String v = takeString(args, name, dflt);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + v, e);
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        }
        return n;
    }

    private static String takeString(List<String> args, String name, String dflt) {
        int i = args.indexOf(name);
        if (i < 0) {
            return dflt;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String v = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return v;
    }
}
