package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.CsvFormat;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.JsonFormat;
import dev.savoir.kb.io.MarkdownFormat;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile import files (kb-core's {@code dev.savoir.kb.io}): jqwik-generated CSV files, JSON exports (mutated and
 * made up), ZIP archives of Markdown files with hostile front matter, names and sizes. Every file is imported or
 * refused with a {@link KbException} subclass within a time bound; a refused import writes nothing (size and last
 * change unchanged); an accepted one adds exactly what its report says. Default {@value #DEFAULT_PER_KIND} files
 * per format, {@code -Dsavoir.full=true} {@value #FULL_PER_KIND}.
 */
class HostileFilesTest {
    static final int DEFAULT_PER_KIND = 120;
    static final int FULL_PER_KIND = 1_500;
    private static final int PER_KIND = Boolean.getBoolean("savoir.full") ? FULL_PER_KIND : DEFAULT_PER_KIND;
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Actor ADMIN = Actor.of("files-admin", Role.ADMIN);
    /** Every import of every test, for the suite's output line. */
    private static final Outcomes ALL = new Outcomes();
    /** The imports of the running test: asserted after it, from the counts. */
    private static Outcomes current = new Outcomes();

    @TempDir
    static Path dir;
    private static KnowledgeBase kb;
    private static byte[] validJson;
    private static byte[] validCsv;
    private static AtomicLong files = new AtomicLong();

    @BeforeAll
    static void open() {
        kb = KnowledgeBase.builder().directory(dir.resolve("kb")).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false).schedulerInterval(Duration.ZERO).build();
        for (int i = 0; i < 3; i++) {
            kb.create(ADMIN, NewArticle.builder("seed-" + i).category("Help > Seed").visibility(Visibility.PUBLIC)
                    .title("Seed " + i).body("Body **" + i + "**").tags("t" + i).build());
            kb.publish(ADMIN, ArticleId.of("seed-" + i), Locale.ENGLISH, 1);
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonFormat.create().export(kb, ADMIN, json);
        validJson = json.toByteArray();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvFormat.create().export(kb, ADMIN, csv);
        validCsv = csv.toByteArray();
    }

    @AfterAll
    static void close() {
        kb.close();
        ALL.shutdown();
        System.out.printf("HOSTILE-FILES files=%d refused_typed=%d accepted=%d untyped=%d timeouts=%d%n", ALL.total(),
                ALL.count(Outcomes.Kind.TYPED), ALL.count(Outcomes.Kind.SAFE), ALL.count(Outcomes.Kind.UNTYPED),
                ALL.count(Outcomes.Kind.TIMEOUT));
        ALL.assertNoUntypedErrorsNorTimeouts("HostileFilesTest");
        assertThat(ALL.count(Outcomes.Kind.SAFE)).as("accepted imports").isPositive();
        assertThat(ALL.count(Outcomes.Kind.TYPED)).as("refused imports").isPositive();
    }

    @BeforeEach
    void countThisTest() {
        current = new Outcomes();
    }

    /** Every test ends here: no untyped exception and no timeout among the imports it counted. */
    @AfterEach
    void noUntypedErrorNorTimeout(TestInfo test) {
        current.endTest(ALL, "HOSTILE-FILES", test);
    }

    private static Path write(String suffix, byte[] content) {
        try {
            Path p = dir.resolve("f" + files.incrementAndGet() + suffix);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Imports a hostile file within the bound and counts how it ended (accepted, refused typed, untyped exception,
     * timeout): an accepted import adds what its report says, a refused one writes nothing.
     */
    private static void attempt(String what, Path file, Supplier<ImportReport> action) {
        int size = kb.size();
        long last = kb.lastChange();
        Outcomes.Outcome<ImportReport> o = current.run(what, file.toString(), BOUND, action);
        if (o.safe()) {
            assertThat(kb.size()).as("%s %s: the report says what was added", what, file)
                    .isEqualTo(size + (int) o.value().imported());
        } else if (o.kind() == Outcomes.Kind.TYPED) {
            assertThat(o.error().getMessage()).isNotBlank();
            assertThat(kb.size()).as("%s refused %s (%s) but wrote", what, file, o.error().getMessage())
                    .isEqualTo(size);
            assertThat(kb.lastChange()).as("%s refused %s but wrote", what, file).isEqualTo(last);
        }
    }

    // ------------------------------------------------------------------ generators

    private static Arbitrary<String> field() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\",;\n\r\t=:{}[]<>#-|\\'\u0000\uFEFF ").ofMaxLength(20),
                Arbitraries.of("en", "fr-CA", "xx-!!", "true", "false", "public", "internal", "segments:a,b",
                        "segments:", "Help > Billing", " > > ", "faq", "how-to", "nope", "{\"a\":1}", "a=b; c",
                        "<script>alert(1)</script>", "id-ok", "../../etc", "a".repeat(300)));
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 1 + rnd.nextInt(10); i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 2 -> {
                int at = rnd.nextInt(b.length);
                byte[] junk = List.of("\"", "{", "}", "[", "]", ",", "null", "1e999", "\"\\u0000\"", "\uFEFF",
                        ":\"x\"", "-1", "\"state\":\"published\"").get(rnd.nextInt(13)).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                return out;
            }
            default -> {
                String s = new String(b, StandardCharsets.UTF_8);
                return s.replace("seed-", rnd.nextBoolean() ? "new-" + rnd.nextInt(1_000_000) + "-" : "../")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    // ------------------------------------------------------------------ properties

    @Test
    void csvFiles_hostile_importOrRefuseTyped_writeNothingOnRefusal() {
        Arbitrary<List<List<String>>> rows = field().list().ofMinSize(1).ofMaxSize(12).list().ofMaxSize(8);
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        rows.sampleStream().limit(PER_KIND).forEach(r -> {
            byte[] content;
            if (rnd.nextInt(3) == 0) {
                content = mutate(validCsv, rnd);
            } else {
                StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? CsvFormat.HEADER : String.join(",",
                        r.isEmpty() ? List.of("id") : r.getFirst())).append('\n');
                for (List<String> row : r) {
                    sb.append(String.join(",", row.stream().map(f -> rnd.nextBoolean() ? "\"" + f.replace("\"",
                            "\"\"") + "\"" : f).toList())).append('\n');
                }
                content = sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            Path file = write(".csv", content);
            attempt("CSV import", file, () -> CsvFormat.create().importFrom(kb, ADMIN, file,
                    ImportOptions.defaults()));
        });
    }

    @Test
    void jsonFiles_hostile_importOrRefuseTyped_writeNothingOnRefusal() {
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        Arbitrary<String> madeUp = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                field().list().ofMaxSize(10).map(l -> "{\"format\":\"savoir-kb\",\"version\":1}\n" + String.join(
                        "\n", l.stream().map(x -> "{\"article\":" + x + "}").toList())),
                Arbitraries.integers().between(1, 5_000).map(n -> "[".repeat(n) + "]".repeat(n)));
        madeUp.sampleStream().limit(PER_KIND).forEach(s -> {
            byte[] content = rnd.nextBoolean() ? mutate(validJson, rnd) : s.getBytes(StandardCharsets.UTF_8);
            Path file = write(".json", content);
            attempt("JSON import", file, () -> JsonFormat.create().importFrom(kb, ADMIN, file,
                    ImportOptions.builder().keepStates(rnd.nextBoolean()).build()));
        });
    }

    @Test
    void zipArchivesWithFrontMatter_hostile_importOrRefuseTyped_writeNothingOnRefusal() {
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        Arbitrary<List<String>> frontMatter = Arbitraries.oneOf(field(), Arbitraries.of("id: z1", "locale: en",
                "title: T", "visibility: public", "state: published", "revision: 3", "revision: -1",
                "translated_from: 99", "source: true", "tags: [a, b", "attributes: {a: [1,2]}", "unknown_key: 1",
                "review_interval_days: 999999999999", "last_verified: not-a-date", "id: ../../x", "locale: zz-ZZZZ",
                "&anchor x", "*alias", "!!java.lang.Runtime", "key: |\n  multi\n  line", "? complex\n: key"))
                .list().ofMaxSize(10);
        frontMatter.sampleStream().limit(PER_KIND).forEach(fm -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                int entries = 1 + rnd.nextInt(4);
                for (int e = 0; e < entries; e++) {
                    String id = "z" + rnd.nextInt(1_000_000);
                    String name = switch (rnd.nextInt(8)) {
                        case 0 -> "../" + id + ".en.md";
                        case 1 -> "/abs/" + id + ".en.md";
                        case 2 -> "Help/" + "deep/".repeat(rnd.nextInt(50)) + id + ".en.md";
                        case 3 -> "Help/" + id + ".xx!.md";
                        default -> "Help/Hostile/" + id + ".en.md";
                    };
                    zip.putNextEntry(new ZipEntry(name));
                    StringBuilder md = new StringBuilder("---\nid: ").append(id).append("\nlocale: en\n");
                    if (rnd.nextBoolean()) {
                        md.append("title: Hostile ").append(id).append("\nvisibility: public\n");
                    }
                    fm.forEach(line -> md.append(line).append('\n'));
                    md.append("---\n").append(rnd.nextBoolean() ? "<script>alert(1)</script> body" : "Body text");
                    if (rnd.nextInt(20) == 0) {
                        md.append("\n").append("0".repeat(3_000_000)); // inflates far beyond its compressed size
                    }
                    zip.write(md.toString().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            } catch (IOException | IllegalArgumentException e) {
                // a name the JDK's writer refuses: the archive ends here, which is hostile enough
            }
            byte[] content = bytes.toByteArray();
            if (rnd.nextInt(6) == 0 && content.length > 0) {
                content = mutate(content, rnd);
            }
            Path file = write(".zip", content);
            attempt("ZIP import", file, () -> MarkdownFormat.create().importZip(kb, ADMIN, file,
                    ImportOptions.defaults()));
        });
    }
}
