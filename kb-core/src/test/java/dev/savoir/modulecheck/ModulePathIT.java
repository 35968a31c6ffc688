package dev.savoir.modulecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kb-core as a named module: every persisted format works with only what its module-info opens to Jackson (the
 * internal feedback and analytics packages; no API package). The other tests run on the class path, where nothing
 * is encapsulated, so this one starts a JVM with kb-core and its dependencies on the module path. In its own
 * package: a class path class may not live in one of kb-core's packages.
 */
class ModulePathIT {
    /** kb-core's runtime dependencies, by a part of their path; they go on the module path with it. */
    private static final List<String> MODULE_DEPENDENCIES = List.of("/tools/jackson/", "jackson-annotations",
            "snakeyaml-engine", "slf4j-api", "/caffeine/", "error_prone_annotations", "java-diff-utils", "jspecify",
            "apiguardian");

    @TempDir
    Path dir;

    @Test
    void everyPersistedFormat_worksWithKbCoreOnTheModulePath() throws Exception {
        String core = Path.of(KnowledgeBase.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> modulePath = new ArrayList<>(List.of(core));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.equals(core) || entry.isBlank()) {
                continue;
            }
            String unix = entry.replace(File.separatorChar, '/');
            if (MODULE_DEPENDENCIES.stream().anyMatch(unix::contains)) {
                modulePath.add(entry);
            } else if (!unix.contains("/kb-core/target/classes") && !unix.matches(".*/kb-core-[^/]*[0-9T](\\.jar)$")) {
                classPath.add(entry);
            }
        }
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "dev.savoir.kb.core", "-cp", String.join(File.pathSeparator, classPath),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ModulePathChild.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("child output").contains("OK reopened=1 imported=1 reopenedImport=1");
        assertThat(p.exitValue()).as(output).isZero();
    }
}
