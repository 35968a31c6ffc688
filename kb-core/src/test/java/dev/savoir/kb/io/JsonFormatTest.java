package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static dev.savoir.kb.io.IoFixtures.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Translation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFormatTest {
    @TempDir
    Path dir;
    final MutableClock clock = IoFixtures.clock();
    final JsonFormat json = JsonFormat.create();

    private Path export(KnowledgeBase kb) throws IOException {
        Path file = dir.resolve("kb.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            assertThat(json.export(kb, ADMIN, out)).isEqualTo(kb.size());
        }
        return file;
    }

    @Test
    void exportThenImportWithStates_intoEmptyKnowledgeBase_givesBackTheSameKnowledgeBase() throws IOException {
        try (KnowledgeBase source = IoFixtures.onDisk(dir.resolve("a"), clock);
             KnowledgeBase target = IoFixtures.onDisk(dir.resolve("b"), clock)) {
            IoFixtures.populate(source, clock);
            Path file = export(source);
            List<ImportProgress> progress = new ArrayList<>();
            ImportReport report = json.importFrom(target, ADMIN, file, ImportOptions.builder().keepStates(true)
                    .batchSize(2).onProgress(progress::add).build());
            assertThat(report.imported()).isEqualTo(source.size());
            assertThat(report.rejected()).isEmpty();
            assertThat(progress).extracting(ImportProgress::imported).containsExactly(0L, 2L, 4L, 6L);
            assertThat(progress.getLast().total()).isEqualTo(6);
            IoFixtures.assertSameKnowledgeBase(source, target, true);
        }
    }

    @Test
    void importWithoutStates_bringsEveryTranslationInAsADraftOfItsLatestRevision() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            json.importFrom(target, AUTHOR, export(source), ImportOptions.defaults());
            for (ArticleId id : target.articleIds()) {
                for (Translation t : target.article(ADMIN, id).translations().values()) {
                    assertThat(t.state()).isEqualTo(TranslationState.DRAFT);
                    assertThat(t.publishedRevision()).isNull();
                    assertThat(t.latestRevision()).isEqualTo(source.article(ADMIN, id).translation(t.locale())
                            .orElseThrow().latestRevision());
                }
            }
        }
    }

    @Test
    void importWithStates_byAnActorNotAllowedToPublish_isDeniedAndWritesNothing() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            Path file = export(source);
            assertThatThrownBy(() -> json.importFrom(target, AUTHOR, file, ImportOptions.builder().keepStates(true)
                    .build())).isInstanceOf(PermissionDeniedException.class);
            assertThat(target.size()).isZero();
        }
    }

    @Test
    void import_ofAnIdThatExists_rejectsItWithItsLine_andWritesNothing() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            Path file = export(source);
            target.create(ADMIN, NewArticle.builder("in-review").category("X").title("t").body("b").build());
            assertThatThrownBy(() -> json.importFrom(target, ADMIN, file, ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                        assertThat(e.rejected()).hasSize(1);
                        RejectedRecord r = e.rejected().getFirst();
                        assertThat(r.articleId()).isEqualTo("in-review");
                        assertThat(r.file()).isEqualTo("kb.json");
                        assertThat(r.line()).isGreaterThan(1);
                        assertThat(r.reason()).contains("already exists");
                        assertThat(e.imported()).isZero();
                    });
            assertThat(target.size()).isEqualTo(1);
        }
    }

    @Test
    void import_withSkipInvalid_importsTheRestAndReportsTheRejected() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            Path file = export(source);
            target.create(ADMIN, NewArticle.builder("in-review").category("X").title("t").body("b").build());
            ImportReport report = json.importFrom(target, ADMIN, file, ImportOptions.builder().skipInvalid(true)
                    .build());
            assertThat(report.imported()).isEqualTo(source.size() - 1);
            assertThat(report.rejected()).extracting(RejectedRecord::articleId).containsExactly("in-review");
            assertThat(target.size()).isEqualTo(source.size());
        }
    }

    @Test
    void malformedFiles_areRefusedWithTheirLine_andNothingIsWritten() throws IOException {
        String good;
        try (KnowledgeBase source = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            good = Files.readString(export(source));
        }
        String first = good.lines().skip(1).findFirst().orElseThrow();
        List<String> bad = List.of(
                "",
                "[]",
                "{\"format\":\"other\",\"version\":1,\"articles\":[]}",
                "{\"format\":\"savoir-kb\",\"version\":99,\"articles\":[]}",
                "{\"articles\":[]}",
                good.substring(0, good.length() / 2),
                good + "garbage",
                good.replace("\"state\":\"PUBLISHED\"", "\"state\":\"LIVE\""),
                good.replace("\"sourceLocale\":\"en\"", "\"sourceLocale\":\"not a locale!\""),
                good.replace("\"id\":\"in-review\"", "\"id\":\"../evil\""),
                "{\"format\":\"savoir-kb\",\"version\":1,\"articles\":[\n" + first + "\n," + first + "\n]}");
        try (KnowledgeBase target = IoFixtures.inMemory(clock)) {
            for (String text : bad) {
                Path file = dir.resolve("bad.json");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                assertThatThrownBy(() -> json.importFrom(target, ADMIN, file, ImportOptions.builder()
                        .keepStates(true).build())).as(text.length() > 80 ? text.substring(0, 80) : text)
                        .isInstanceOfSatisfying(ImportRejectedException.class,
                                e -> assertThat(e.rejected()).allSatisfy(r -> assertThat(r.file())
                                        .isEqualTo("bad.json")));
                assertThat(target.size()).isZero();
            }
        }
    }
}
