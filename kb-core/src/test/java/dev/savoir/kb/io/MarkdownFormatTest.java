package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static dev.savoir.kb.io.IoFixtures.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownFormatTest {
    @TempDir
    Path dir;
    final MutableClock clock = IoFixtures.clock();

    @Test
    void exportZipThenImportWithStates_givesBackTheSameArticlesRevisionsStatesAndTrail() throws IOException {
        try (KnowledgeBase source = IoFixtures.onDisk(dir.resolve("a"), clock);
             KnowledgeBase target = IoFixtures.onDisk(dir.resolve("b"), clock)) {
            IoFixtures.populate(source, clock);
            Path zip = dir.resolve("kb.zip");
            try (OutputStream out = Files.newOutputStream(zip)) {
                assertThat(MarkdownFormat.create().exportZip(source, ADMIN, out)).isEqualTo(source.size());
            }
            ImportReport report = MarkdownFormat.create().importZip(target, ADMIN, zip,
                    ImportOptions.builder().keepStates(true).build());
            assertThat(report.imported()).isEqualTo(source.size());
            assertThat(report.translations()).isEqualTo(8);
            IoFixtures.assertSameKnowledgeBase(source, target, true);
        }
    }

    @Test
    void exportFolder_writesAFolderPerCategoryAndAFilePerTranslation_andImportsBack() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            Path out = dir.resolve("export");
            MarkdownFormat.create().exportFolder(source, ADMIN, out);
            assertThat(out.resolve("Account/Password/reset-password.en.md")).exists();
            assertThat(out.resolve("Account/Password/reset-password.fr.md")).exists();
            assertThat(out.resolve("Account/Password/reset-password.en.draft.md")).exists();
            assertThat(out.resolve(".history/Account/Password/reset-password.en.1.md")).exists();
            assertThat(out.resolve("Odd%3A cases/%2Ehidden 100%25/draft-only.pt-BR.md")).exists();
            String main = Files.readString(out.resolve("Account/Password/reset-password.en.md"));
            assertThat(main).startsWith("---\nid: ").contains("state: \"published\"").contains("source: true")
                    .endsWith("---\nOpen Settings, then Account.\n");
            MarkdownFormat.create().importFolder(target, ADMIN, out, ImportOptions.builder().keepStates(true).build());
            IoFixtures.assertSameKnowledgeBase(source, target, true);
        }
    }

    static void write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static Path handWritten(Path root) throws IOException {
        write(root, "README.md", "# Our help center\n");
        write(root, "Account/Password/reset-password.en.md", """
                ---
                id: reset-password
                locale: en
                title: Reset your password
                summary: One sentence.
                tags: [password, login]
                type: how-to
                visibility: public
                state: published
                owner: camille@lumo.example
                source: true
                revision: 2
                review_interval_days: 180
                last_verified: 2026-09-15
                attributes: {product: lumo-app, crm_entity: case}
                ---
                Open **Settings**.
                """);
        write(root, "Account/Password/reset-password.fr.md", """
                ---
                id: reset-password
                locale: fr
                title: Réinitialiser le mot de passe
                state: draft
                source: false
                translated_from: 1
                ---
                Ouvrez **Réglages**.
                """);
        write(root, "Account/Password/images/settings.png", "not really a png");
        write(root, "Partners/partner-only.en.md", """
                ---
                id: partner-only
                locale: en
                title: For partners
                visibility: segments:partners,premium
                state: archived
                ---
                Body
                """);
        return root;
    }

    @Test
    void handWrittenFolder_importsWithStatesRevisionsAndMetadata_imagesLeftOutWithoutAnAttachmentsFolder()
            throws IOException {
        Path root = handWritten(dir.resolve("sample"));
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            ImportReport report = MarkdownFormat.create().importFolder(kb, ADMIN, root,
                    ImportOptions.builder().keepStates(true).build());
            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.skipped()).singleElement().asString().contains("settings.png");
            Article a = kb.article(ADMIN, ArticleId.of("reset-password"));
            assertThat(a.category()).isEqualTo(CategoryPath.of("Account", "Password"));
            assertThat(a.type()).isEqualTo(ArticleType.HOW_TO);
            assertThat(a.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(a.owner()).isEqualTo("camille@lumo.example");
            assertThat(a.attributes()).isEqualTo(Map.of("product", "lumo-app", "crm_entity", "case"));
            assertThat(a.reviewInterval()).isEqualTo(Duration.ofDays(180));
            assertThat(a.verifiedAt()).isEqualTo(Instant.parse("2026-09-15T00:00:00Z"));
            assertThat(a.sourceLocale()).isEqualTo(Locale.ENGLISH);
            Translation en = a.translation(Locale.ENGLISH).orElseThrow();
            assertThat(en.state()).isEqualTo(TranslationState.PUBLISHED);
            assertThat(en.publishedRevision()).isEqualTo(2);
            List<Revision> history = kb.history(ADMIN, a.id(), Locale.ENGLISH);
            assertThat(history).hasSize(2).allSatisfy(r -> {
                assertThat(r.content().title()).isEqualTo("Reset your password");
                assertThat(r.content().tags()).containsExactly("password", "login");
                assertThat(r.content().body()).isEqualTo("Open **Settings**.\n");
                assertThat(r.author()).isEqualTo("camille@lumo.example");
            });
            Translation fr = a.translation(Locale.FRENCH).orElseThrow();
            assertThat(fr.state()).isEqualTo(TranslationState.DRAFT);
            assertThat(fr.translatedFrom()).isEqualTo(1);
            assertThat(a.isOutdated(Locale.FRENCH)).isTrue();
            Article p = kb.article(ADMIN, ArticleId.of("partner-only"));
            assertThat(p.visibility()).isEqualTo(Visibility.segments("partners", "premium"));
            assertThat(p.translation(Locale.ENGLISH).orElseThrow().state()).isEqualTo(TranslationState.ARCHIVED);
            assertThat(p.type()).isEqualTo(ArticleType.FAQ);
        }
    }

    @Test
    void handWrittenFolder_withoutStates_importsDrafts_andImagesRoundTripThroughTheAttachmentsFolder()
            throws IOException {
        Path root = handWritten(dir.resolve("sample"));
        Path attachments = dir.resolve("attachments");
        MarkdownFormat format = MarkdownFormat.builder().attachments(attachments).build();
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            ImportReport report = format.importFolder(kb, AUTHOR, root, ImportOptions.defaults());
            assertThat(report.attachments()).isEqualTo(1);
            assertThat(report.skipped()).isEmpty();
            assertThat(attachments.resolve("Account/Password/images/settings.png")).hasContent("not really a png");
            assertThat(kb.article(ADMIN, ArticleId.of("reset-password")).translations().values())
                    .allSatisfy(t -> assertThat(t.state()).isEqualTo(TranslationState.DRAFT));
            Path out = dir.resolve("again");
            format.exportFolder(kb, ADMIN, out);
            assertThat(out.resolve("Account/Password/images/settings.png")).hasContent("not really a png");
        }
    }
}
