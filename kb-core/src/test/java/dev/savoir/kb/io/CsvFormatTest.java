package dev.savoir.kb.io;

import static dev.savoir.kb.io.IoFixtures.ADMIN;
import static dev.savoir.kb.io.IoFixtures.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {
    @TempDir
    Path dir;
    final MutableClock clock = IoFixtures.clock();
    final CsvFormat csv = CsvFormat.create();

    @Test
    void export_writesOneRowPerPublishedTranslation_andImportCreatesDraftsWithThatContent() throws IOException {
        try (KnowledgeBase source = IoFixtures.inMemory(clock); KnowledgeBase target = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(source, clock);
            Path file = dir.resolve("kb.csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                // reset-password en (published 2) and fr, partner-install en; not drafts, scheduled or archived
                assertThat(csv.export(source, ADMIN, out)).isEqualTo(3);
            }
            assertThat(Files.readAllLines(file).getFirst()).isEqualTo(CsvFormat.HEADER);
            ImportReport report = csv.importFrom(target, AUTHOR, file, ImportOptions.defaults());
            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.translations()).isEqualTo(3);
            Article a = target.article(ADMIN, ArticleId.of("reset-password"));
            Article b = source.article(ADMIN, ArticleId.of("reset-password"));
            assertThat(a.translations().values()).allSatisfy(t -> assertThat(t.state())
                    .isEqualTo(TranslationState.DRAFT));
            assertThat(a.translation(Locale.FRENCH).orElseThrow().translatedFrom()).isEqualTo(1);
            assertThat(a.category()).isEqualTo(b.category());
            assertThat(a.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(a.attributes()).isEqualTo(b.attributes());
            assertThat(a.tags()).isEqualTo(b.tags());
            assertThat(a.owner()).isEqualTo(b.owner());
            for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH)) {
                int published = b.translation(l).orElseThrow().publishedRevision();
                ArticleContent expected = source.revision(ADMIN, b.id(), l, published).content();
                assertThat(target.revision(ADMIN, a.id(), l, 1).content()).isEqualTo(expected);
            }
            assertThat(target.article(ADMIN, ArticleId.of("partner-install")).visibility())
                    .isEqualTo(Visibility.segments("partners", "premium"));
        }
    }

    @Test
    void import_acceptsKeyValueAttributes_andOptionalColumns() throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "ID,Locale,Title,Body,Category,Attributes\n"
                + "faq-1,en,\"Hello, world\",\"Line 1\nLine 2\",Billing > Invoices,product=app; crm=case\n");
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            csv.importFrom(kb, AUTHOR, file, ImportOptions.defaults());
            Article a = kb.article(ADMIN, ArticleId.of("faq-1"));
            assertThat(a.attributes()).isEqualTo(Map.of("product", "app", "crm", "case"));
            assertThat(a.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(kb.revision(ADMIN, a.id(), Locale.ENGLISH, 1).content().body()).isEqualTo("Line 1\nLine 2");
        }
    }

    @Test
    void wrongOrMissingColumns_refuseTheFile() throws IOException {
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            for (String header : List.of("id,locale,title,body", "id,locale,title,body,category,colour",
                    "id,locale,title,body,category,title", "")) {
                Path file = dir.resolve("cols.csv");
                Files.writeString(file, header + (header.isEmpty() ? "" : "\na,en,t,b,X,x\n"));
                assertThatThrownBy(() -> csv.importFrom(kb, AUTHOR, file, ImportOptions.defaults()))
                        .as(header).isInstanceOfSatisfying(ImportRejectedException.class,
                                e -> assertThat(e.getMessage()).containsAnyOf("wrong columns", "empty"));
            }
            assertThat(kb.size()).isZero();
        }
    }

    @Test
    void invalidRows_areRejectedWithTheirRowNumbers_andNothingIsWritten() throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, """
                id,locale,title,body,category,type,visibility
                good,en,T,B,X,faq,public
                bad id!,en,T,B,X,faq,public
                x2,not a locale,T,B,X,faq,public
                good,en,T again,B,X,faq,public
                x3,en,T,B,X,Not A Type,public
                x4,en,T,B,X,faq,everyone
                x5,en,T,B
                """);
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            assertThatThrownBy(() -> csv.importFrom(kb, AUTHOR, file, ImportOptions.defaults()))
                    .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.rejected())
                            .extracting(RejectedRecord::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L));
            assertThat(kb.size()).isZero();
            ImportReport report = csv.importFrom(kb, AUTHOR, file, ImportOptions.builder().skipInvalid(true).build());
            assertThat(report.imported()).isZero();
            assertThat(kb.size()).isZero();
        }
    }

    @Test
    void keepStates_isRefusedAtOnce() {
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            assertThatThrownBy(() -> csv.importFrom(kb, ADMIN, dir.resolve("x.csv"),
                    ImportOptions.builder().keepStates(true).build())).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("drafts");
        }
    }
}
