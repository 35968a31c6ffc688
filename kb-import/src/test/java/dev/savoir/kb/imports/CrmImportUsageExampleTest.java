package dev.savoir.kb.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Role;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Imports from CRMs" example is this test's code, and it runs. */
class CrmImportUsageExampleTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path SOURCE = ROOT.resolve(
            "kb-import/src/test/java/dev/savoir/kb/imports/CrmImportUsageExampleTest.java");

    @TempDir
    Path dir;

    @Test
    void readmeExample_isThisCode() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher inReadme = Pattern.compile("<!-- crm-import:start -->\\R```java\\R(.*?)\\R```\\R<!-- crm-import:end -->",
                Pattern.DOTALL).matcher(readme);
        Matcher inCode = Pattern.compile("// README: begin\\R(.*?)\\R\\s*// README: end", Pattern.DOTALL)
                .matcher(Files.readString(SOURCE));
        assertThat(inReadme.find()).as("the README's crm-import block").isTrue();
        assertThat(inCode.find()).isTrue();
        assertThat(inReadme.group(1).strip()).isEqualTo(inCode.group(1).stripIndent().strip());
    }

    @Test
    void readmeExample_runs() {
        List<String> printed = new ArrayList<>();
        Actor admin = Actor.of("admin@lumo.example", Role.ADMIN);
        Path zendeskExport = Samples.resource("zendesk/help-center");
        Path dataXml = Samples.resource("dynamics/broken.xml");
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().build()) {
            // README: begin
            // Zendesk Guide: the Help Center API's JSON responses saved as a folder
            ZendeskFormat zendesk = ZendeskFormat.builder()
                    .attachments(dir.resolve("kb-files")) // images and attachments are written here...
                    .urlPrefix("/kb-files/")              // ...and linked from the Markdown like this
                    .build();
            ImportReport report = zendesk.importFolder(kb, admin, zendeskExport, ImportOptions.builder()
                    .keepStates(true) // published stays published: the actor must be allowed to publish
                    .onProgress(p -> printed.add(p.imported() + " of " + p.total() + " imported"))
                    .build());

            // Dynamics 365 knowledge articles: a CSV export, or the Configuration Migration tool's data.xml
            try {
                DynamicsFormat.create().importXml(kb, admin, dataXml, ImportOptions.defaults()); // as drafts
            } catch (ImportRejectedException e) { // nothing was written
                e.rejected().forEach(r -> printed.add(r.where() + " " + r.articleId() + ": " + r.reason()));
            }
            // README: end

            assertThat(report.imported()).isEqualTo(3);
            assertThat(printed).contains("3 of 3 imported").anyMatch(s -> s.startsWith("broken.xml:7 null: not "
                    + "valid XML"));
            assertThat(kb.article(admin, ArticleId.of("zd-360001")).translations()).hasSize(3);
            assertThat(dir.resolve("kb-files/zd-360001/9001-logo.png")).exists();
        }
    }
}
