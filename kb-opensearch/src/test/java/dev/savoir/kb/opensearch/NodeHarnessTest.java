package dev.savoir.kb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The in-JVM node starts, answers over HTTP with its analyzers and Painless, and stops and starts on its data. */
class NodeHarnessTest {
    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(String url, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void node_startsAnswersAndRestartsOnItsData() throws Exception {
        try (TestNode node = TestNode.startNew("harness")) {
            assertThat(get(node.url())).contains("\"number\" : \"3.8.0\"");
            assertThat(post(node.url() + "/_analyze", "{\"analyzer\":\"french\",\"text\":\"l'adresse\"}"))
                    .contains("\"token\":\"adres\"");
            assertThat(post(node.url() + "/_scripts/painless/_execute", "{\"script\":{\"source\":\"1 + 2\"}}"))
                    .contains("\"result\":\"3\"");
            node.stop();
            node.start();
            assertThat(get(node.url() + "/_cluster/health?wait_for_status=green&timeout=20s"))
                    .contains("\"status\":\"green\"");
        }
    }
}
