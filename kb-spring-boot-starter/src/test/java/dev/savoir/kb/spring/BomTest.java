package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * kb-bom names every published Savoir module at the project's version, so that a host imports one version for all;
 * it has no parent, so that importing it brings no version of anything else.
 */
class BomTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** Modules that are not published for hosts: tests, benchmarks, examples and the BOM itself. */
    static final Set<String> NOT_PUBLISHED = Set.of("kb-benchmarks", "kb-hsearch-bench", "kb-reliability", "examples",
            "examples-spring", "kb-bom");

    static String version(String pom) {
        Matcher m = Pattern.compile("<artifactId>(?:savoir-parent|kb-bom)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void bom_listsEveryPublishedModule_atTheProjectVersion() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("kb-bom/pom.xml"));
        assertThat(bom).doesNotContain("<parent>");
        assertThat(version(bom)).isEqualTo(version(parent));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        List<String> published = new ArrayList<>();
        while (modules.find()) {
            if (!NOT_PUBLISHED.contains(modules.group(1))) {
                published.add(modules.group(1));
            }
        }
        assertThat(published).contains("kb-core", "kb-lucene", "kb-spring-boot-starter");
        for (String module : published) {
            assertThat(bom).as("kb-bom manages %s", module).containsPattern("<artifactId>" + Pattern.quote(module)
                    + "</artifactId>\\s*<version>\\$\\{project.version}</version>");
        }
        assertThat(bom).doesNotContain("<artifactId>lucene").doesNotContain("springframework");
    }
}
