package dev.savoir.kb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared import that formats outside kb-core (kb-import) run: checked first, then batched. */
class ArchiveImporterTest {
    static final Actor ADMIN = Actor.of("admin@lumo.example", Role.ADMIN);

    private static ArticleArchive archiveOf(String id) {
        try (KnowledgeBase source = KnowledgeBase.builder().inMemory().build()) {
            source.create(ADMIN, NewArticle.builder(id).category("Billing").title("Title " + id).body("Body").build());
            return source.exportArchive(ADMIN, ArticleId.of(id));
        }
    }

    @Test
    void importRecords_anInvalidRecord_refusesAll_andTheAfterWriteStepDoesNotRun() {
        AtomicInteger afterWrite = new AtomicInteger();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().build()) {
            List<ImportRecord> records = List.of(ImportRecord.of("crm.json", 3, archiveOf("a-1")),
                    ImportRecord.rejected("crm.json", 9, "a-2", List.of("the title is missing")),
                    ImportRecord.of("crm.json", 12, archiveOf("a-1")));

            assertThatThrownBy(() -> ArchiveImporter.importRecords(kb, ADMIN, records, ImportOptions.defaults(),
                    List.of(), () -> afterWrite.incrementAndGet()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.rejected())
                            .extracting(RejectedRecord::toString).containsExactly(
                                    "crm.json:9 (a-2): the title is missing",
                                    "crm.json:12 (a-1): the id a-1 appears twice (first at crm.json:3)"));
            assertThat(kb.articleIds()).isEmpty();
            assertThat(afterWrite).hasValue(0);
        }
    }

    @Test
    void importRecords_writesInBatches_reportsProgress_andCountsWhatTheAfterWriteStepWrote() {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().build()) {
            List<ImportProgress> progress = new ArrayList<>();
            ImportReport report = ArchiveImporter.importRecords(kb, ADMIN, List.of(
                    ImportRecord.of("crm.json", 1, archiveOf("a-1")), ImportRecord.of("crm.json", 2, archiveOf("a-2")),
                    ImportRecord.of("crm.json", 3, archiveOf("a-3"))),
                    ImportOptions.builder().batchSize(2).onProgress(progress::add).build(),
                    List.of("logo.svg: left out"), () -> 7);

            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.attachments()).isEqualTo(7);
            assertThat(report.skipped()).containsExactly("logo.svg: left out");
            assertThat(progress).extracting(ImportProgress::imported).containsExactly(0L, 2L, 3L);
            assertThat(kb.articleIds()).hasSize(3);
        }
    }

    @Test
    void importRecord_needsAnArchiveOrProblems_notBoth() {
        assertThatThrownBy(() -> ImportRecord.rejected("crm.json", 1, null, List.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("problems");
        assertThatThrownBy(() -> new ImportRecord("crm.json", 1, "a-1", archiveOf("a-1"), List.of("bad")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("problems");
    }
}
