package dev.savoir.modulecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kb-core, kb-lucene and kb-markdown as named modules, as a modular host runs them: a child JVM gets the three
 * Savoir jars and what their module-infos require on the module path (Lucene core and common analysis, CommonMark and
 * its extensions, the OWASP sanitizer, Caffeine, Jackson, SLF4J...), and the rest on the class path. The OWASP
 * sanitizer's shim jars ({@code java8-shim}, {@code java10-shim}) stay on the class path: they are automatic modules
 * that export the same package, which the module system refuses as a split package, while the sanitizer, an
 * automatic module, reads the class path. kb-core's own {@code ModulePathIT} covers its persisted formats.
 */
class ModulesOnTheModulePathIT {
    /** What the three modules require, by a part of their path; they go on the module path with them. */
    private static final List<String> MODULE_DEPENDENCIES = List.of("/tools/jackson/", "jackson-annotations",
            "snakeyaml-engine", "slf4j-api", "/caffeine/", "error_prone_annotations", "java-diff-utils", "jspecify",
            "apiguardian", "/lucene-core-", "/lucene-analysis-common-", "/org/commonmark/",
            "/owasp-java-html-sanitizer-");

    @TempDir
    Path dir;

    @Test
    void coreLuceneAndMarkdown_workAsNamedModules() throws Exception {
        List<String> savoir = List.of(jar(KnowledgeBase.class), jar(LuceneSearchEngine.class),
                jar(MarkdownRenderer.class));
        List<String> modulePath = new ArrayList<>(savoir);
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank() || savoir.contains(entry)) {
                continue;
            }
            String unix = entry.replace(File.separatorChar, '/');
            if (MODULE_DEPENDENCIES.stream().anyMatch(unix::contains)) {
                modulePath.add(entry);
            } else if (!unix.matches(".*/kb-(core|lucene|markdown)/target/classes/?")
                    && !unix.matches(".*/kb-(core|lucene|markdown)-[^/]*[0-9T]\\.jar")) {
                classPath.add(entry);
            }
        }
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "dev.savoir.kb.core,dev.savoir.kb.lucene,dev.savoir.kb.markdown",
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED,org.apache.lucene.core",
                "-cp", String.join(File.pathSeparator, classPath),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ModulesChild.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("child output").contains("OK hits=1 reopened=1 bold=true");
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static String jar(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
