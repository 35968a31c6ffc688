package dev.savoir.kb.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.RejectedRecord;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicsFormatTest {
    static final Actor ADMIN = Actor.of("admin@lumo.example", Role.ADMIN);
    static final Locale EN_US = Locale.forLanguageTag("en-US");
    static final Locale FR_FR = Locale.forLanguageTag("fr-FR");

    @TempDir
    Path dir;

    private static KnowledgeBase kb() {
        return KnowledgeBase.builder().inMemory().renderer(MarkdownRenderer.create()).build();
    }

    private static ImportOptions keepStates() {
        return ImportOptions.builder().keepStates(true).build();
    }

    @Test
    void importCsv_groupsVersionsAndTranslations_keepsTheLatestVersion_andMapsStates() {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = DynamicsFormat.builder().attachments(dir.resolve("files")).build()
                    .importCsv(kb, ADMIN, Samples.resource("dynamics/knowledgearticles.csv"), keepStates());

            assertThat(report.imported()).isEqualTo(3);
            assertThat(kb.articleIds()).containsExactlyInAnyOrder(ArticleId.of("KA-01001"), ArticleId.of("KA-01002"),
                    ArticleId.of("KA-01003"));

            ArticleArchive reset = kb.exportArchive(ADMIN, ArticleId.of("KA-01001"));
            Article a = reset.article();
            assertThat(a.sourceLocale()).isEqualTo(EN_US);
            assertThat(a.category()).isEqualTo(CategoryPath.of("Account"));
            assertThat(a.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(a.tags()).containsExactlyInAnyOrder("password", "login");
            assertThat(a.attributes()).containsEntry("dynamics.version", "3.0")
                    .containsEntry("dynamics.articlepublicnumber", "KA-01001")
                    .containsEntry("dynamics.rootarticleid", "1f0e5a62-0000-4000-8000-00000000000a");
            Translation en = a.translations().get(EN_US);
            assertThat(en.state()).isEqualTo(TranslationState.DRAFT);
            assertThat(en.latestRevision()).isEqualTo(2);
            assertThat(en.publishedRevision()).isEqualTo(1);
            List<Revision> enRevs = reset.revisions().get(EN_US);
            assertThat(enRevs.getFirst().content().title()).isEqualTo("Reset your password");
            assertThat(enRevs.getFirst().content().summary()).isEqualTo("How to get a new password");
            assertThat(enRevs.getFirst().content().tags()).containsExactly("password", "login");
            assertThat(enRevs.getFirst().changeNote()).contains("version 2.0");
            assertThat(enRevs.get(1).content().title()).isEqualTo("Reset your password (new UI)");
            assertThat(enRevs.get(1).content().body()).contains("## Steps").contains("**Settings \\> Security**");
            Translation fr = a.translations().get(FR_FR);
            assertThat(fr.state()).isEqualTo(TranslationState.PUBLISHED);
            assertThat(reset.revisions().get(FR_FR).getFirst().content().title())
                    .isEqualTo("Réinitialiser votre mot de passe");

            Article invoice = kb.article(ADMIN, ArticleId.of("KA-01002"));
            assertThat(invoice.category()).isEqualTo(CategoryPath.of("Billing", "Invoices"));
            assertThat(invoice.translations().keySet()).containsExactly(EN_US);
            assertThat(invoice.source().state()).isEqualTo(TranslationState.SCHEDULED);
            assertThat(invoice.source().scheduledPublishAt()).isEqualTo(Instant.parse("2030-01-01T08:00:00Z"));

            Article escalate = kb.article(ADMIN, ArticleId.of("KA-01003"));
            assertThat(escalate.source().state()).isEqualTo(TranslationState.IN_REVIEW);
            assertThat(escalate.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(escalate.category()).isEqualTo(DynamicsFormat.DEFAULT_CATEGORY);

            assertThat(report.skipped()).anyMatch(s -> s.contains("(KA-01001 [en-US] 1.0): an older version"))
                    .anyMatch(s -> s.contains("(KA-01002 [ru-RU] 1.0): discarded in Dynamics"));
        }
    }

    @Test
    void importCsv_embeddedImages_becomeAttachments_andScriptsRenderSafe() throws Exception {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = DynamicsFormat.builder().attachments(dir.resolve("files")).build()
                    .importCsv(kb, ADMIN, Samples.resource("dynamics/knowledgearticles.csv"), keepStates());

            String invoice = kb.exportArchive(ADMIN, ArticleId.of("KA-01002")).revisions().get(EN_US).getFirst()
                    .content().body();
            assertThat(invoice).containsPattern("!\\[Invoice menu]\\(attachments/KA-01002/image-[0-9a-f]{12}\\.png\\)")
                    .doesNotContain("base64");
            assertThat(report.attachments()).isEqualTo(1);
            try (var files = Files.list(dir.resolve("files/KA-01002"))) {
                assertThat(files.toList()).singleElement().satisfies(f -> assertThat(Files.size(f)).isEqualTo(70));
            }

            String html = kb.render(ViewerContext.external(EN_US), ArticleId.of("KA-01001")).orElseThrow()
                    .html().html().toLowerCase(Locale.ROOT);
            assertThat(html).contains("<strong>settings</strong>").doesNotContain("<script")
                    .doesNotContain("onerror").doesNotContain("alert(");
        }
    }

    @Test
    void importCsv_withoutKeepStates_importsDrafts() {
        try (KnowledgeBase kb = kb()) {
            DynamicsFormat.create().importCsv(kb, ADMIN, Samples.resource("dynamics/knowledgearticles.csv"),
                    ImportOptions.defaults());

            assertThat(kb.articleIds()).allSatisfy(id -> assertThat(kb.article(ADMIN, id).translations().values())
                    .allMatch(t -> t.state() == TranslationState.DRAFT && t.publishedRevision() == null));
        }
    }

    @Test
    void importXml_readsConfigurationMigrationData_withLookupNames() {
        try (KnowledgeBase kb = kb()) {
            ImportReport report = DynamicsFormat.create().importXml(kb, ADMIN, Samples.resource("dynamics/data.xml"),
                    keepStates());

            assertThat(report.imported()).isEqualTo(1);
            ArticleArchive headset = kb.exportArchive(ADMIN, ArticleId.of("KA-03001"));
            Article a = headset.article();
            assertThat(a.category()).isEqualTo(CategoryPath.of("Devices"));
            assertThat(a.sourceLocale()).isEqualTo(EN_US);
            assertThat(a.translations().get(EN_US).state()).isEqualTo(TranslationState.PUBLISHED);
            assertThat(a.translations().get(FR_FR).state()).isEqualTo(TranslationState.DRAFT);
            assertThat(a.tags()).containsExactlyInAnyOrder("bluetooth", "headset");
            assertThat(headset.revisions().get(EN_US).getFirst().content().body())
                    .isEqualTo("Hold the **power** button for 5 seconds.");
            assertThat(report.skipped()).contains("data.xml: 1 record(s) of other entities left out (only "
                    + "knowledgearticle is imported)");
        }
    }

    @Test
    void importCsv_invalidRecords_refusedWithEveryRowNamed_andNothingWritten() {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importCsv(kb, ADMIN,
                    Samples.resource("dynamics/invalid-records.csv"), keepStates()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        assertThat(e.rejected()).extracting(RejectedRecord::where).containsExactly(
                                "invalid-records.csv:2", "invalid-records.csv:3", "invalid-records.csv:4");
                        assertThat(e.rejected()).extracting(RejectedRecord::articleId).containsExactly("KA-02001",
                                "KA-02002", "KA-02003");
                        assertThat(e.rejected()).extracting(RejectedRecord::reason).satisfiesExactly(
                                r -> assertThat(r).isEqualTo("row 2: the title is missing"),
                                r -> assertThat(r).startsWith("row 3: unknown locale id 9999"),
                                r -> assertThat(r).startsWith("row 4: unknown statecode \"Pending\""));
                    });
            assertThat(kb.articleIds()).isEmpty();
        }
    }

    @Test
    void importCsv_brokenCsv_refusedWithFileAndRow() {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importCsv(kb, ADMIN,
                    Samples.resource("dynamics/broken.csv"), ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        assertThat(e.rejected().getFirst().file()).isEqualTo("broken.csv");
                        assertThat(e.rejected().getFirst().line()).isEqualTo(2);
                        assertThat(e.rejected().getFirst().reason()).startsWith("not valid CSV");
                    });
            assertThat(kb.articleIds()).isEmpty();
        }
    }

    @Test
    void importXml_brokenXml_refusedWithFileAndLine() {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importXml(kb, ADMIN,
                    Samples.resource("dynamics/broken.xml"), ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        RejectedRecord r = e.rejected().getFirst();
                        assertThat(r.file()).isEqualTo("broken.xml");
                        assertThat(r.line()).isEqualTo(7);
                        assertThat(r.reason()).startsWith("not valid XML");
                    });
        }
    }

    @Test
    void importXml_doctypeWithExternalEntity_refusedBeforeAnythingIsRead() {
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importXml(kb, ADMIN,
                    Samples.resource("dynamics/xxe.xml"), ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        assertThat(e.rejected().getFirst().where()).isEqualTo("xxe.xml:2");
                        assertThat(e.getMessage()).contains("a DOCTYPE is not allowed").doesNotContain("root:");
                    });
            assertThat(kb.articleIds()).isEmpty();
        }
    }

    @Test
    void importCsv_wrongHeader_refused() throws Exception {
        Path csv = Files.writeString(dir.resolve("export.csv"), "name,body\nx,y\n");
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importCsv(kb, ADMIN, csv, ImportOptions.defaults()))
                    .isInstanceOf(ImportRejectedException.class)
                    .hasMessageContaining("export.csv:1: the header needs the columns title and content");
        }
    }

    @Test
    void importCsv_twoRecordsOfTheSameVersion_rejectTheArticle() throws Exception {
        Path csv = Files.writeString(dir.resolve("dup.csv"), """
                knowledgearticleid,rootarticleid,articlepublicnumber,title,content,languagelocaleid,statecode,majorversionnumber,minorversionnumber
                a1,r1,KA-9,One,<p>1</p>,1033,Draft,1,0
                a2,r1,KA-9,Two,<p>2</p>,1033,Draft,1,0
                """);
        try (KnowledgeBase kb = kb()) {
            assertThatThrownBy(() -> DynamicsFormat.create().importCsv(kb, ADMIN, csv, ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.rejected())
                            .singleElement().satisfies(r -> assertThat(r.reason())
                                    .isEqualTo("rows 2 and 3 are both version 1.0 [en-US]")));
        }
    }
}
