package dev.savoir.kb.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Import and export" example, compiled and run. */
class ImportExportUsageExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExample_runs() throws IOException {
        List<String> printed = new ArrayList<>();
        Actor admin = Actor.of("admin@lumo.example", Role.ADMIN);
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir.resolve("kb")).build();
             KnowledgeBase newKb = KnowledgeBase.builder().directory(dir.resolve("copy")).build()) {
            kb.create(admin, NewArticle.builder("reset-password").category("Account > Password")
                    .title("Reset your password").body("Open **Settings**.").build());
            dev.savoir.kb.ArticleId id = dev.savoir.kb.ArticleId.of("reset-password");
            kb.submitForReview(admin, id, Locale.ENGLISH, 1);
            kb.approve(admin, id, Locale.ENGLISH, 1);
            kb.publish(admin, id, Locale.ENGLISH, 1);
            Path json = dir.resolve("kb.json");
            Path zip = dir.resolve("help-center.zip");
            Files.write(zip, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

            // README: begin
            // Everything (revisions, states, audit trail, feedback), streamed one article at a time
            JsonFormat format = JsonFormat.create();
            try (OutputStream out = Files.newOutputStream(json)) {
                format.export(kb, admin, out);
            }
            ImportReport report = format.importFrom(newKb, admin, json, ImportOptions.builder()
                    .keepStates(true) // keeps published/scheduled/archived: the actor must be allowed to publish
                    .onProgress(p -> printed.add(p.imported() + " of " + p.total() + " imported"))
                    .build());

            // Markdown written by hand: a folder per category, <id>.<locale>.md with YAML front matter
            MarkdownFormat markdown = MarkdownFormat.builder().attachments(dir.resolve("kb-images")).build();
            try {
                markdown.importZip(kb, admin, zip, ImportOptions.defaults()); // imported as drafts
            } catch (ImportRejectedException e) { // nothing was written
                e.rejected().forEach(r -> printed.add(r.where() + ": " + r.reason()));
            }

            // The published content for a spreadsheet
            try (OutputStream out = Files.newOutputStream(dir.resolve("published.csv"))) {
                CsvFormat.create().export(kb, admin, out);
            }
            // README: end

            assertThat(report.imported()).isEqualTo(1);
            assertThat(printed).contains("1 of 1 imported");
            assertThat(newKb.article(admin, dev.savoir.kb.ArticleId.of("reset-password")))
                    .isEqualTo(kb.article(admin, dev.savoir.kb.ArticleId.of("reset-password")));
            assertThat(Files.readAllLines(dir.resolve("published.csv"))).hasSize(2);
        }
    }
}
