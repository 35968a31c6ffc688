package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmImportDemoTest {
    @Test
    void run_importsTheBundledZendeskAndDynamicsExports_andPrintsEachArticle(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CrmImportDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("Zendesk: 3 articles, 5 translations, 3 attachments; Dynamics 365: 3 articles")
                .containsPattern("zd-360001 +Account > Signing in > Passwords +PUBLIC \\[de draft, en-US published, "
                        + "fr published]")
                .containsPattern("KA-01002 +Billing > Invoices +PUBLIC \\[en-US scheduled]");
        assertThat(dir.resolve("kb-files/zd-360001/9001-logo.png")).exists();
    }
}
