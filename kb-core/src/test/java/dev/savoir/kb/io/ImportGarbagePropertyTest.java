package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated garbage for every import format: the import either succeeds or fails with a {@link KbException}
 * subclass, within a time bound, and a refused import writes nothing.
 */
class ImportGarbagePropertyTest {
    static final Duration BOUND = Duration.ofSeconds(10);
    static KnowledgeBase kb;
    static Path dir;
    static byte[] validZip;

    @BeforeContainer
    static void open() throws IOException {
        kb = IoFixtures.inMemory(IoFixtures.clock());
        kb.create(ADMIN, NewArticle.builder("existing").category("X").title("t").body("b").build());
        dir = Files.createTempDirectory("savoir-garbage");
        Path zip = dir.resolve("valid.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            try (KnowledgeBase source = IoFixtures.inMemory(IoFixtures.clock())) {
                IoFixtures.populate(source, IoFixtures.clock());
                MarkdownFormat.create().exportZip(source, ADMIN, out);
            }
        }
        validZip = Files.readAllBytes(zip);
    }

    @AfterContainer
    static void close() throws IOException {
        kb.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void importing(byte[] data, String suffix, Function<Path, ImportReport> run) throws IOException {
        Path file = Files.createTempFile(dir, "garbage", suffix);
        Files.write(file, data);
        int before = kb.size();
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                ImportReport report = run.apply(file);
                assertThat(kb.size()).isEqualTo(before + report.imported());
            } catch (KbException e) {
                assertThat(e).isInstanceOf(ImportRejectedException.class);
                assertThat(kb.size()).isEqualTo(before);
            }
        });
        Files.delete(file);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of("{", "}", "[", "]", ":", ",", "\"format\"", "\"savoir-kb\"", "\"version\"", "1", "99",
                "\"articles\"", "\"article\"", "\"id\"", "\"x\"", "null", "true", "\"translations\"", "\"en\"",
                "\"revisions\"", "\n", "\"\\u0000\"", "-1e999", "\"state\"", "\"PUBLISHED\"")
                .list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 200)
    void garbageJson_isRefusedWithATypedError(@ForAll("jsonish") String text) throws IOException {
        importing(text.getBytes(StandardCharsets.UTF_8), ".json",
                f -> JsonFormat.create().importFrom(kb, ADMIN, f, ImportOptions.builder().keepStates(true).build()));
    }

    @Provide
    Arbitrary<String> csvish() {
        return Arbitraries.of("id", "locale", "title", "body", "category", "summary", "source", ",", ",", "\"",
                "\n", "\r\n", "en", "fr-CA", "xx!", "a-1", "X > Y", "true", "{", "}", "k=v;", "", "\"\"")
                .list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 200)
    void garbageCsv_isRefusedWithATypedError(@ForAll("csvish") String text) throws IOException {
        String withHeader = text.startsWith("id") ? text : "id,locale,title,body,category\n" + text;
        importing(withHeader.getBytes(StandardCharsets.UTF_8), ".csv",
                f -> CsvFormat.create().importFrom(kb, ADMIN, f, ImportOptions.defaults()));
    }

    @Provide
    Arbitrary<String> frontMatter() {
        return Arbitraries.of("---\n", "id: ", "locale: ", "state: ", "title: ", "source: ", "revision: ",
                "visibility: ", "type: ", "tags: ", "attributes: ", "translated_from: ", "a1", "en", "fr", "!!",
                "published", "draft", "archived", "scheduled", "segments:", "[a, b]", "{k: v}", "&x", "*x", "\n",
                "  ", "\"", "'", "-1", "99999999999", "true", ":", "- ", "#")
                .list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 200)
    void garbageFrontMatter_isRefusedWithATypedError(@ForAll("frontMatter") String text) throws IOException {
        byte[] zip = zipOf(List.of("Billing/a1.en.md", "Billing/a1.fr.md"), List.of(text, "---\n" + text));
        importing(zip, ".zip", f -> MarkdownFormat.create().importZip(kb, ADMIN, f,
                ImportOptions.builder().keepStates(true).build()));
    }

    @Property(tries = 100)
    void damagedZip_isRefusedWithATypedError(@ForAll("damage") List<Integer> flips) throws IOException {
        byte[] data = validZip.clone();
        for (int i = 0; i + 1 < flips.size(); i += 2) {
            int at = Math.floorMod(flips.get(i), data.length);
            data[at] = (byte) (int) flips.get(i + 1);
        }
        importing(data, ".zip", f -> MarkdownFormat.create().importZip(kb, ADMIN, f,
                ImportOptions.builder().keepStates(true).build()));
    }

    @Provide
    Arbitrary<List<Integer>> damage() {
        return Arbitraries.integers().list().ofMinSize(2).ofMaxSize(40);
    }

    @Property(tries = 100)
    void randomBytes_asZip_isRefusedWithATypedError(@ForAll byte[] bytes) throws IOException {
        byte[] data = new byte[bytes.length + 4];
        data[0] = 'P';
        data[1] = 'K';
        data[2] = 3;
        data[3] = 4;
        System.arraycopy(bytes, 0, data, 4, bytes.length);
        importing(data, ".zip", f -> MarkdownFormat.create().importZip(kb, ADMIN, f, ImportOptions.defaults()));
    }

    private static byte[] zipOf(List<String> names, List<String> texts) throws IOException {
        var buf = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buf)) {
            for (int i = 0; i < names.size(); i++) {
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(texts.get(i).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return buf.toByteArray();
    }
}
