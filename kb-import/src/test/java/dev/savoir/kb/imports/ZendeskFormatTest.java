package dev.savoir.kb.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Audience;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.RejectedRecord;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZendeskFormatTest {
    static final Actor ADMIN = Actor.of("admin@lumo.example", Role.ADMIN);
    static final Locale EN_US = Locale.forLanguageTag("en-US");

    @TempDir
    Path dir;

    private KnowledgeBase kb() {
        return KnowledgeBase.builder().inMemory().renderer(MarkdownRenderer.create()).build();
    }

    private ZendeskFormat withFiles() {
        return ZendeskFormat.builder().attachments(dir.resolve("files")).urlPrefix("/kb-files/").build();
    }

    private static String body(KnowledgeBase kb, String id, Locale locale) {
        List<Revision> revs = kb.exportArchive(ADMIN, ArticleId.of(id)).revisions().get(locale);
        return revs.getLast().content().body();
    }

    @Test
    void importFolder_mapsCategoriesTranslationsStatesLabelsSegmentsAndVotes() {
        try (KnowledgeBase kb = kb()) {
            List<ImportProgress> progress = new ArrayList<>();
            ImportReport report = withFiles().importFolder(kb, ADMIN, Samples.resource("zendesk/help-center"),
                    ImportOptions.builder().keepStates(true).batchSize(2).onProgress(progress::add).build());

            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.translations()).isEqualTo(5);
            assertThat(report.rejected()).isEmpty();
            assertThat(progress).extracting(ImportProgress::imported).containsExactly(0L, 2L, 3L);
            assertThat(progress).allMatch(p -> p.total() == 3);

            Article reset = kb.article(ADMIN, ArticleId.of("zd-360001"));
            assertThat(reset.category()).hasToString("Account > Signing in > Passwords");
            assertThat(reset.sourceLocale()).isEqualTo(EN_US);
            assertThat(reset.translations().keySet()).containsExactlyInAnyOrder(EN_US, Locale.FRENCH,
                    Locale.GERMAN);
            assertThat(reset.translations().get(EN_US).state()).isEqualTo(TranslationState.PUBLISHED);
            assertThat(reset.translations().get(Locale.FRENCH).state()).isEqualTo(TranslationState.PUBLISHED);
            assertThat(reset.translations().get(Locale.GERMAN).state()).isEqualTo(TranslationState.DRAFT);
            assertThat(reset.translations().get(Locale.FRENCH).translatedFrom()).isEqualTo(1);
            assertThat(reset.tags()).containsExactlyInAnyOrder("password", "login");
            assertThat(reset.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(reset.attributes()).containsEntry("zendesk.id", "360001")
                    .containsEntry("zendesk.section_id", "201").containsEntry("zendesk.permission_group_id", "7001")
                    .containsEntry("zendesk.outdated_locales", "fr")
                    .containsEntry("zendesk.html_url",
                            "https://lumo.zendesk.com/hc/en-us/articles/360001-How-do-I-reset-my-password");

            Article refunds = kb.article(ADMIN, ArticleId.of("zd-360002"));
            assertThat(refunds.category()).hasToString("Billing - Payments > Refunds");
            assertThat(refunds.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(refunds.source().state()).isEqualTo(TranslationState.DRAFT);
            assertThat(refunds.tags()).containsExactly("refund");

            Article vip = kb.article(ADMIN, ArticleId.of("zd-360003"));
            assertThat(vip.visibility().audience()).isEqualTo(Audience.SEGMENTS);
            assertThat(vip.visibility().segments()).containsExactly("vip-customers");
            assertThat(kb.exportArchive(ADMIN, vip.id()).feedback().helpful()).isEqualTo(4);
            assertThat(kb.exportArchive(ADMIN, vip.id()).feedback().notHelpful()).isEqualTo(1);
        }
    }

    @Test
    void importFolder_convertsHtmlToMarkdown_andWritesImagesAndAttachmentsWithSafeNames() throws IOException {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = withFiles().importFolder(kb, ADMIN, Samples.resource("zendesk/help-center"),
                    ImportOptions.defaults());

            String en = body(kb, "zd-360001", EN_US);
            assertThat(en).contains("## Reset it yourself").contains("**Settings \\> Security**")
                    .contains("1. Check your inbox.").contains("![Lumo logo](/kb-files/zd-360001/9001-logo.png)")
                    .containsPattern("!\\[Inline dot]\\(/kb-files/zd-360001/image-[0-9a-f]{12}\\.png\\)")
                    .contains("[Help center](https://lumo.example/help)")
                    .contains("- [Password policy (2025).pdf](/kb-files/zd-360001/9002-Password-policy-2025-.pdf)")
                    .doesNotContain("<script").doesNotContain("stolen").doesNotContain("javascript:");
            assertThat(body(kb, "zd-360001", Locale.FRENCH)).contains("![Logo Lumo](/kb-files/zd-360001/9001-logo.png)")
                    .contains("9002-Password-policy-2025-.pdf");
            assertThat(body(kb, "zd-360002", EN_US)).contains("`100 EUR`").contains("| Amount |").contains("| Agent |");

            Path files = dir.resolve("files/zd-360001");
            try (Stream<Path> written = Files.list(files)) {
                assertThat(written.map(p -> p.getFileName().toString()).toList()).hasSize(3)
                        .contains("9001-logo.png", "9002-Password-policy-2025-.pdf")
                        .anyMatch(n -> n.matches("image-[0-9a-f]{12}\\.png"));
            }
            assertThat(report.attachments()).isEqualTo(3);
            assertThat(Files.readAllBytes(files.resolve("9001-logo.png"))).isEqualTo(Files.readAllBytes(
                    Samples.resource("zendesk/help-center/article_attachments/9001/logo.png")));
            assertThat(kb.article(ADMIN, ArticleId.of("zd-360001")).translations().values())
                    .allMatch(t -> t.state() == TranslationState.DRAFT);
        }
    }

    @Test
    void importedBodyWithScriptAndOnerror_rendersSafe() {
        try (KnowledgeBase kb = kb()) {
            withFiles().importFolder(kb, ADMIN, Samples.resource("zendesk/help-center"),
                    ImportOptions.builder().keepStates(true).build());

            RenderedArticle page = kb.render(ViewerContext.external(EN_US), ArticleId.of("zd-360001"))
                    .orElseThrow();
            String html = page.html().html();
            assertThat(html).contains("<h2").contains("Reset it yourself").contains("<strong>Settings &gt; Security")
                    .contains("src=\"/kb-files/zd-360001/9001-logo.png\"");
            assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("onerror")
                    .doesNotContain("onclick").doesNotContain("javascript:").doesNotContain("alert(");
            assertThat(kb.render(ViewerContext.external(EN_US), ArticleId.of("zd-360002"))).isEmpty();
        }
    }

    @Test
    void importFolder_withoutAttachmentsFolder_keepsZendeskUrls_andReportsWhatWasLeftOut() {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = ZendeskFormat.create().importFolder(kb, ADMIN,
                    Samples.resource("zendesk/help-center"), ImportOptions.defaults());

            assertThat(body(kb, "zd-360001", EN_US))
                    .contains("![Lumo logo](https://lumo.zendesk.com/hc/article_attachments/9001/logo.png)")
                    .contains("Inline dot").doesNotContain("data:");
            assertThat(report.attachments()).isZero();
            assertThat(report.skipped()).anyMatch(s -> s.startsWith("zd-360001: attachment 9001 (logo.png) left out"))
                    .anyMatch(s -> s.startsWith("zd-360001: an embedded image left out"));
        }
    }

    @Test
    void importFolder_invalidRecords_refusedWithEveryRecordNamed_andNothingWritten() throws IOException {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> withFiles().importFolder(kb, ADMIN, Samples.resource("zendesk/invalid-records"),
                    ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        assertThat(e.imported()).isZero();
                        assertThat(e.rejected()).extracting(RejectedRecord::articleId).containsExactly("zd-360101",
                                "zd-360102", "zd-360103", "zd-360104", "zd-360105");
                        assertThat(e.rejected()).allMatch(r -> r.file().equals("articles.json") && r.line() > 2);
                        assertThat(e.rejected()).extracting(RejectedRecord::reason).satisfiesExactly(
                                r -> assertThat(r).isEqualTo("[en-us] the title is missing"),
                                r -> assertThat(r).contains("unknown locale \"xx-yy\""),
                                r -> assertThat(r).isEqualTo("unknown section 999: it is not in sections.json"),
                                r -> assertThat(r).startsWith("unknown user segment 77"),
                                r -> assertThat(r).contains("article_attachments/9105/chart.png is missing"));
                        assertThat(e.getMessage()).contains("articles.json:3 (zd-360101)");
                    });
            assertThat(kb.articleIds()).isEmpty();
            assertThat(dir.resolve("files")).doesNotExist();
        }
    }

    @Test
    void importFolder_skipInvalid_importsTheValidArticle_andListsTheRest() {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = withFiles().importFolder(kb, ADMIN, Samples.resource("zendesk/invalid-records"),
                    ImportOptions.builder().skipInvalid(true).build());

            assertThat(report.imported()).isEqualTo(1);
            assertThat(kb.articleIds()).containsExactly(ArticleId.of("zd-360106"));
            assertThat(report.rejected()).hasSize(5);
        }
    }

    @Test
    void importFolder_brokenJson_refusedWithFileAndLine() {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> ZendeskFormat.create().importFolder(kb, ADMIN,
                    Samples.resource("zendesk/broken-json"), ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        RejectedRecord r = e.rejected().getFirst();
                        assertThat(r.file()).isEqualTo("articles.json");
                        assertThat(r.line()).isEqualTo(4);
                        assertThat(r.reason()).startsWith("not valid JSON");
                    });
            assertThat(kb.articleIds()).isEmpty();
        }
    }

    @Test
    void importFolder_missingFileOrNotAFolder_refusedNamingIt() throws IOException {
        Path export = Samples.copy("zendesk/help-center", dir.resolve("export"));
        Files.delete(export.resolve("sections.json"));
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> ZendeskFormat.create().importFolder(kb, ADMIN, export, ImportOptions.defaults()))
                    .isInstanceOf(ImportRejectedException.class)
                    .hasMessageContaining("sections.json: is missing from the export folder");
            assertThatThrownBy(() -> ZendeskFormat.create().importFolder(kb, ADMIN, export.resolve("articles.json"),
                    ImportOptions.defaults()))
                    .isInstanceOf(ImportRejectedException.class).hasMessageContaining("is not a folder");
        }
    }

    @Test
    void importFolder_attachmentThroughASymbolicLink_rejectsTheArticle() throws IOException {
        Path export = Samples.copy("zendesk/help-center", dir.resolve("export"));
        Path logo = export.resolve("article_attachments/9001/logo.png");
        Files.delete(logo);
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the knowledge base");
        Files.createSymbolicLink(logo, secret);
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> withFiles().importFolder(kb, ADMIN, export, ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.rejected())
                            .singleElement().satisfies(r -> assertThat(r.reason()).contains("9001/logo.png is "
                                    + "missing from the export (or not a regular file)")));
        }
    }

    @Test
    void builder_refusesBadOptions_andEachOptionTwice() {
        assertThatThrownBy(() -> ZendeskFormat.builder().idPrefix("../"))
                .isInstanceOf(dev.savoir.kb.InvalidArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ZendeskFormat.builder().urlPrefix("javascript:alert(1)//"))
                .isInstanceOf(dev.savoir.kb.InvalidArgumentException.class);
        assertThatThrownBy(() -> ZendeskFormat.builder().maxFileBytes(0))
                .isInstanceOf(dev.savoir.kb.InvalidArgumentException.class);
        assertThatThrownBy(() -> ZendeskFormat.builder().idPrefix("a-").idPrefix("b-"))
                .isInstanceOf(dev.savoir.kb.InvalidArgumentException.class).hasMessageContaining("set each option once");
        assertThatThrownBy(() -> ZendeskFormat.create().importFolder(null, ADMIN, dir, ImportOptions.defaults()))
                .isInstanceOf(dev.savoir.kb.InvalidArgumentException.class).hasMessageContaining("kb");
    }
}
