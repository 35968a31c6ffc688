package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start is this module's compiled code, and it runs. */
class QuickStartTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }

    @Test
    void readmeQuickStart_isTheCompiledExample() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String source = Files.readString(ROOT.resolve(
                "examples/src/main/java/dev/savoir/kb/examples/QuickStart.java"));
        String inReadme = between(readme, "<!-- quickstart:start -->\n```java", "```\n<!-- quickstart:end -->");
        String inCode = between(source, "// tag::quickstart[]", "// end::quickstart[]");
        assertThat(inReadme).isEqualTo(inCode);
    }

    @Test
    void readmeDependencies_coverEveryModuleTheQuickStartImports_atTheProjectVersion() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String deps = between(readme, "<!-- dependencies:start -->\n```xml", "```\n<!-- dependencies:end -->");
        String quickStart = between(readme, "<!-- quickstart:start -->\n```java", "```\n<!-- quickstart:end -->");
        String version = between(Files.readString(ROOT.resolve("pom.xml")), "<artifactId>savoir-parent</artifactId>",
                "<packaging>").replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        Map<String, String> moduleOfPackage = Map.of("dev.savoir.kb.lucene.", "kb-lucene",
                "dev.savoir.kb.markdown.", "kb-markdown", "dev.savoir.kb.", "kb-core");
        Matcher imports = Pattern.compile("^import (dev\\.savoir\\.kb\\.[\\w.]+);", Pattern.MULTILINE)
                .matcher(quickStart);
        int found = 0;
        while (imports.find()) {
            found++;
            String type = imports.group(1);
            String module = moduleOfPackage.entrySet().stream().filter(e -> type.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
                    .orElseThrow().getValue();
            assertThat(deps).as("the README's dependencies list %s, which %s needs", module, type)
                    .contains("<artifactId>" + module + "</artifactId>");
        }
        assertThat(found).as("the quick start shows its imports").isGreaterThan(5);
        assertThat(deps).contains("<version>" + version + "</version>").contains("slf4j");
    }

    @Test
    void quickStart_runs_andShowsEachStep(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[] {dir.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Customer sees: Reset your password")
                .contains("Search finds: Reset your password -> <p>Open <strong>Settings &gt; Security</strong>")
                .contains("Customer still sees revision 1")
                .contains("+Open **Settings > Security**, choose *Reset password* and check your inbox")
                .contains("Revision 3 restores revision 1; history has 3 revisions");
    }
}
