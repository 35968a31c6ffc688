package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Hostile archives and folders: refused with a typed error, in bounded time, writing nothing. */
class HostileImportTest {
    static final Duration BOUND = Duration.ofSeconds(30);
    static final String GOOD = """
            ---
            id: fine
            locale: en
            title: Fine
            state: published
            ---
            Body
            """;

    @TempDir
    Path dir;
    final MutableClock clock = IoFixtures.clock();
    KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = IoFixtures.inMemory(clock);
        kb.create(ADMIN, NewArticle.builder("existing").category("X").title("t").body("b").build());
    }

    @AfterEach
    void close() {
        kb.close();
    }

    Path zip(Map<String, String> entries) throws IOException {
        Path zip = Files.createTempFile(dir, "kb", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    void assertRefused(Executable importing, String reason) {
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(importing::execute)
                .isInstanceOf(ImportRejectedException.class).hasMessageContaining(reason));
        assertThat(kb.size()).isEqualTo(1);
    }

    ImportOptions publish() {
        return ImportOptions.builder().keepStates(true).build();
    }

    @Test
    void zipEntriesWithDotDotOrAbsolutePaths_areRefused() throws IOException {
        for (String name : new String[] {"../evil.md", "Billing/../../evil.md", "/etc/evil.md", "C:/evil.md",
                "..\\evil.md"}) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("Billing/fine.en.md", GOOD);
            entries.put(name, GOOD);
            Path zip = zip(entries);
            assertRefused(() -> MarkdownFormat.create().importZip(kb, ADMIN, zip, publish()),
                    name.contains("..") ? "'..'" : "absolute");
        }
    }

    @Test
    void zipBombOfOneGibibyteOfZeros_isStoppedEarly() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            out.putNextEntry(new ZipEntry("Billing/bomb.en.md"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(2L << 20);
        assertRefused(() -> MarkdownFormat.create().importZip(kb, ADMIN, zip, publish()), "ZIP bomb");
        // with a generous ratio, the total bound stops it instead
        assertRefused(() -> MarkdownFormat.builder().maxCompressionRatio(100_000).maxEntryBytes(1L << 30)
                .maxTotalBytes(64L << 20).build().importZip(kb, ADMIN, zip, publish()), "uncompressed");
        assertRefused(() -> MarkdownFormat.builder().maxCompressionRatio(100_000).build()
                .importZip(kb, ADMIN, zip, publish()), "larger than");
    }

    @Test
    void tooManyEntries_andNotAZip_andATruncatedZip_areRefused() throws IOException {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("Billing/a" + i + ".en.md", GOOD.replace("id: fine", "id: a" + i));
        }
        Path zip = zip(many);
        assertRefused(() -> MarkdownFormat.builder().maxEntries(10).build().importZip(kb, ADMIN, zip, publish()),
                "more than 10 entries");
        Path text = dir.resolve("text.zip");
        Files.writeString(text, "hello, I am not a zip");
        assertRefused(() -> MarkdownFormat.create().importZip(kb, ADMIN, text, publish()), "not a ZIP");
        Path half = dir.resolve("half.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> MarkdownFormat.create()
                .importZip(kb, ADMIN, half, publish())).isInstanceOf(ImportRejectedException.class));
        assertThat(kb.size()).isEqualTo(1);
    }

    @Test
    void badRecords_duplicateIds_invalidLocales_unknownStatesAndKeys_areAllListedWithTheirEntry() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("Billing/fine.en.md", GOOD);
        entries.put("Other/fine.en.md", GOOD);
        entries.put("Billing/x.not_a-locale!.md", GOOD.replace("id: fine", "id: x").replace("locale: en",
                "locale: not_a-locale!"));
        entries.put("Billing/y.en.md", GOOD.replace("id: fine", "id: y").replace("state: published", "state: live"));
        entries.put("Billing/z.en.md", GOOD.replace("id: fine", "id: z").replace("title:", "colour: red\ntitle:"));
        entries.put("Billing/existing.en.md", GOOD.replace("id: fine", "id: existing"));
        entries.put("Billing/w.en.md", GOOD.replace("id: fine", "id: w").replace("---\nBody", "Body"));
        entries.put("Billing/v.en.md", GOOD.replace("id: fine", "id: v").replace("title: Fine", "title: [unclosed"));
        entries.put("root.en.md", GOOD.replace("id: fine", "id: root"));
        Path zip = zip(entries);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> MarkdownFormat.create()
                .importZip(kb, ADMIN, zip, publish())).isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.rejected()).extracting(RejectedRecord::toString).anySatisfy(r -> assertThat(r)
                            .contains("Other/fine.en.md").contains("a second file"))
                            .anySatisfy(r -> assertThat(r).contains("x.not_a-locale!.md").contains("locale"))
                            .anySatisfy(r -> assertThat(r).contains("y.en.md").contains("state \"live\""))
                            .anySatisfy(r -> assertThat(r).contains("z.en.md").contains("colour"))
                            .anySatisfy(r -> assertThat(r).contains("existing.en.md").contains("already exists"))
                            .anySatisfy(r -> assertThat(r).contains("w.en.md").contains("not closed"))
                            .anySatisfy(r -> assertThat(r).contains("v.en.md").contains("YAML"))
                            .anySatisfy(r -> assertThat(r).contains("root.en.md").contains("category folder"));
                    assertThat(e.imported()).isZero();
                }));
        assertThat(kb.size()).isEqualTo(1);
    }

    @Test
    void symbolicLinkInAFolder_isRefused() throws IOException {
        Path root = dir.resolve("kb");
        MarkdownFormatTest.write(root, "Billing/fine.en.md", GOOD);
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "password");
        Files.createSymbolicLink(root.resolve("Billing/link.en.md"), secret);
        assertRefused(() -> MarkdownFormat.create().importFolder(kb, ADMIN, root, publish()), "symbolic link");
        Path linkDir = dir.resolve("linked");
        Files.createSymbolicLink(linkDir, root);
        assertRefused(() -> MarkdownFormat.create().importFolder(kb, ADMIN, linkDir, publish()), "symbolic link");
    }

    @Test
    void yamlAliasBomb_inFrontMatter_isRefusedQuickly() throws IOException {
        StringBuilder yaml = new StringBuilder("---\nid: bomb\nlocale: en\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        yaml.append("---\nBody\n");
        Path zip = zip(Map.of("Billing/bomb.en.md", yaml.toString()));
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> MarkdownFormat.create()
                .importZip(kb, ADMIN, zip, publish())).isInstanceOf(ImportRejectedException.class));
        assertThat(kb.size()).isEqualTo(1);
    }

    @Test
    void exportFolder_intoANonEmptyFolder_isRefused() throws IOException {
        Files.writeString(dir.resolve("something"), "x");
        assertThatThrownBy(() -> MarkdownFormat.create().exportFolder(kb, ADMIN, dir))
                .isInstanceOf(dev.savoir.kb.KbException.class).hasMessageContaining("not empty");
        try (OutputStream out = OutputStream.nullOutputStream()) {
            assertThat(MarkdownFormat.create().exportZip(kb, ADMIN, out)).isEqualTo(1);
        }
    }
}
