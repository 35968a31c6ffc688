package dev.savoir.kb.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Savoir inside a Spring Boot fat jar, as a host ships it: {@code java -jar} on the repackaged jar (every Savoir
 * module and Lucene nested in {@code BOOT-INF/lib}), the sample imported from the nested examples jar, a search
 * answered over HTTP, the health UP; then SIGTERM, and the folder is free again (the context closed the knowledge
 * base on shutdown).
 */
class FatJarIT {
    @Test
    @Timeout(180)
    void fatJar_starts_answers_andReleasesTheFolderOnShutdown() throws Exception {
        Path jar = Path.of(System.getProperty("savoir.fatJar", "target/examples-spring-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the repackaged jar (mvn package)").isRegularFile();
        Path dir = Files.createTempDirectory("savoir-fatjar");
        Path folder = dir.resolve("kb");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
                "--savoir.folder=" + folder));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            String health = awaitOk(http, base + "/actuator/health", app, dir.resolve("app.log"));
            assertThat(health).contains("\"savoir\"").contains("\"UP\"");
            String found = awaitBody(http, base + "/api/search?q=reset+password&lang=en", "reset-password", app,
                    dir.resolve("app.log"));
            assertThat(found).contains("\"id\":\"reset-password\"");
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/articles/hub-offline?lang=en")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("id=\"title\"");
        } finally {
            app.destroy(); // SIGTERM: Spring Boot closes the context, which closes the knowledge base
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the application stopped").isTrue();
        }
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(folder).build()) {
            assertThat(kb.size()).as("the imported sample survived the shutdown").isGreaterThan(20);
        }
    }

    static String awaitOk(HttpClient http, String url, Process app, Path log) throws Exception {
        return awaitBody(http, url, "", app, log);
    }

    static String awaitBody(HttpClient http, String url, String expected, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the application is running; its log:%n%s", readLog(log)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.contains(expected)) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer with " + expected + " from " + url + ": " + last + "\n" + readLog(log));
    }

    static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
