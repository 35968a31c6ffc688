package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.SearchIndexException;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP conversation with the cluster, on the official client's generic API: a request is a method, an endpoint
 * and a JSON body, the answer a JSON tree. Every failure becomes a {@link SearchIndexException} naming what was being
 * done: the cluster unreachable or slower than the client's timeouts, or an answer other than 2xx (with the
 * cluster's reason). Thread-safe.
 */
public final class Cluster implements AutoCloseable {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenSearchTransport transport;
    private final OpenSearchGenericClient client;

    public Cluster(OpenSearchTransport transport) {
        this.transport = transport;
        this.client = new OpenSearchGenericClient(transport);
    }

    /** A new JSON object. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Sends a request; {@code null} body for none. Throws on any answer but 2xx. */
    public JsonNode call(String what, String method, String endpoint, @Nullable JsonNode body) {
        return call(what, method, endpoint, body == null ? null : body.toString(), Map.of(), false);
    }

    /** Sends a request with query parameters; {@code missingOk}: a 404 answers {@code null}. */
    public @Nullable JsonNode call(String what, String method, String endpoint, @Nullable String body,
                                   Map<String, String> params, boolean missingOk) {
        Requests.JsonBodyBuilder b = Requests.builder().method(method).endpoint(endpoint).query(params);
        if (body != null) {
            b.body(Body.from(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    endpoint.endsWith("_bulk") ? "application/x-ndjson" : "application/json"));
        }
        try (Response r = client.execute(b.build())) {
            String text = r.getBody().map(Body::bodyAsString).orElse("");
            if (r.getStatus() == 404 && missingOk) {
                return null;
            }
            if (r.getStatus() < 200 || r.getStatus() > 299) {
                throw new SearchIndexException(what + " failed: the OpenSearch cluster answered " + r.getStatus()
                        + " " + reason(text), null);
            }
            return text.isEmpty() ? object() : JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SearchIndexException s) {
                throw s;
            }
            throw new SearchIndexException(what + " failed: the OpenSearch cluster is unreachable or did not answer "
                    + "in time (" + e + "); the store keeps every write and the index catches up when the cluster "
                    + "is back", e);
        }
    }

    private static String reason(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode error = n.path("error");
            JsonNode cause = error.path("root_cause").path(0);
            String type = cause.path("type").asString(error.path("type").asString(""));
            String reason = cause.path("reason").asString(error.path("reason").asString(body));
            return (type + ": " + reason).strip();
        } catch (RuntimeException e) {
            return body.length() > 300 ? body.substring(0, 300) : body;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new SearchIndexException("closing the OpenSearch client failed", e);
        }
    }
}
