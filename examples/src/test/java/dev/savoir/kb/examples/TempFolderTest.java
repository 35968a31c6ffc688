package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run of an example leaves nothing in the system's temporary folder. */
class TempFolderTest {
    @TempDir
    Path tmp;

    @Test
    void deleteTree_deletesNestedFoldersAndFiles_andToleratesAMissingFolder() throws IOException {
        Path root = tmp.resolve("kb");
        Files.createDirectories(root.resolve("index/segments"));
        Files.writeString(root.resolve("index/segments/a.bin"), "x");
        Files.writeString(root.resolve("store.log"), "y");
        TempFolder.deleteTree(root);
        assertThat(root).doesNotExist();
        TempFolder.deleteTree(root);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    @Timeout(120)
    void agentAssistRun_withoutAFolder_leavesNoTemporaryFolderBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                AgentAssist.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("hub-offline");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("savoir-"))).isEmpty();
        }
    }
}
