package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.SearchIndexException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenSearch implementation of the search SPI: one index per knowledge base, {@code <prefix><name>-v<mapping
 * version>}, reached through the alias {@code <prefix><name>}. Besides the article documents the index holds one
 * manifest per article (the ids of its documents, read in real time, so that a write replaces them without a
 * search), one signals document per article, and the meta document with the applied sequence. Writes are bulk
 * requests; the applied sequence is raised (never lowered) only once the bulk succeeded. Thread-safe.
 */
public final class OsEngine implements SearchEngine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OsEngine.class);
    private static final String META = "meta";
    private static final int BULK = 500;

    private final Cluster cluster;
    private final SearchEngineContext context;
    private final String alias;
    private final String index;
    private final boolean ephemeral;
    private final Searches searches;
    private volatile boolean closed;

    private OsEngine(Cluster cluster, SearchEngineContext context, Options o, String alias, boolean ephemeral) {
        this.cluster = cluster;
        this.context = context;
        this.alias = alias;
        this.index = alias + "-v" + Mapping.VERSION;
        this.ephemeral = ephemeral;
        Viewers viewers = new Viewers(context);
        this.searches = new Searches(cluster, o, context, viewers, new TextQueries(cluster, o));
    }

    /**
     * Opens the index of a knowledge base, creating it (and its alias) when missing.
     *
     * @throws SearchIndexException if the cluster cannot be reached, or the alias names an index of another
     *     mapping version
     */
    public static OsEngine open(SearchEngineContext context, Options o) {
        String name = o.name();
        boolean ephemeral = false;
        if (name == null) {
            if (context.directory() != null && context.directory().getFileName() != null) {
                name = context.directory().getFileName().toString().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9_-]", "-");
            } else {
                name = "memory-" + UUID.randomUUID();
                ephemeral = true;
            }
        }
        Cluster cluster = new Cluster(Transports.of(o));
        OsEngine e = new OsEngine(cluster, context, o, o.prefix() + name, ephemeral);
        try {
            e.openIndex(o);
            // after a cluster restart the index's shards recover for a while: wait for them, within the timeout
            cluster.call("waiting for the index " + e.index + " to recover", "GET", "/_cluster/health/" + e.index,
                    null, Map.of("wait_for_status", "yellow", "timeout", o.timeout().toMillis() + "ms"), false);
        } catch (RuntimeException ex) {
            cluster.close();
            throw ex;
        }
        return e;
    }

    private void openIndex(Options o) {
        JsonNode aliases = cluster.call("reading the alias " + alias, "GET", "/_alias/" + alias, null, Map.of(),
                true);
        if (aliases != null && aliases.size() > 0) {
            Set<String> names = new LinkedHashSet<>(aliases.propertyNames());
            if (!names.contains(index)) {
                throw new SearchIndexException("the alias " + alias + " names " + names + ", written with another "
                        + "mapping version; this engine reads and writes " + index + " (mapping version "
                        + Mapping.VERSION + "): move the alias to a new index rebuilt from the store, or delete the "
                        + "old index", null);
            }
            return;
        }
        JsonNode existing = cluster.call("reading the index " + index, "GET", "/" + index, null, Map.of(), true);
        if (existing == null) {
            ObjectNode body = Mapping.index(o.shards(), o.replicas(), o.refreshInterval().toMillis() + "ms", o.k1(),
                    o.b());
            body.putObject("aliases").putObject(alias);
            cluster.call("creating the index " + index, "PUT", "/" + index, body.toString(),
                    Map.of("wait_for_active_shards", "1"), false);
        } else {
            int version = existing.path(index).path("mappings").path("_meta").path("savoir_mapping_version")
                    .asInt(-1);
            if (version != Mapping.VERSION) {
                throw new SearchIndexException("the index " + index + " has mapping version " + version + ", not "
                        + Mapping.VERSION + ": delete it and let the knowledge base rebuild it", null);
            }
            ObjectNode a = Cluster.object();
            a.putArray("actions").addObject().putObject("add").put("index", index).put("alias", alias);
            cluster.call("adding the alias " + alias, "POST", "/_aliases", a);
        }
    }

    /** The index this engine writes (the alias's target). */
    public String index() {
        return index;
    }

    private void requireOpen() {
        if (closed) {
            throw new KbException("this search engine is closed: open the knowledge base again to search or index");
        }
    }

    @Override
    public long appliedSequence() {
        requireOpen();
        JsonNode meta = cluster.call("reading the applied sequence", "GET", "/" + alias + "/_doc/" + META, null,
                Map.of(), true);
        if (meta == null || !meta.path("found").asBoolean(false)) {
            return 0;
        }
        return meta.path("_source").path("applied").asLong(0);
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        requireOpen();
        if (!articles.isEmpty()) {
            List<String> ids = articles.stream().map(a -> a.article().id().value()).distinct().toList();
            Map<String, JsonNode> manifests = new HashMap<>();
            Map<String, ArticleSignals> signals = new HashMap<>();
            ObjectNode mget = Cluster.object();
            ArrayNode docIds = mget.putArray("ids");
            ids.forEach(id -> docIds.add("art|" + id).add("sig|" + id));
            for (JsonNode d : cluster.call("reading the articles' manifests", "POST", "/" + alias + "/_mget", mget)
                    .path("docs")) {
                if (!d.path("found").asBoolean(false)) {
                    continue;
                }
                String id = d.path("_id").asString();
                JsonNode s = d.path("_source");
                if (id.startsWith("art|")) {
                    manifests.put(id.substring(4), s);
                } else {
                    signals.put(id.substring(4), new ArticleSignals(s.path("up").asLong(), s.path("down").asLong(),
                            s.path("views").asLong(), Instant.ofEpochMilli(s.path("views_at").asLong())));
                }
            }
            StringBuilder bulk = new StringBuilder();
            for (IndexableArticle ia : articles) {
                String id = ia.article().id().value();
                ArticleSignals s = signals.getOrDefault(id, new ArticleSignals(0, 0, 0, Instant.EPOCH));
                List<Docs.Doc> docs = Docs.of(ia, s, context.renderer());
                Set<String> now = new LinkedHashSet<>();
                for (Docs.Doc d : docs) {
                    now.add(d.id());
                    index(bulk, d.id(), d.source());
                }
                JsonNode old = manifests.get(id);
                if (old != null) {
                    for (JsonNode d : old.path("docs")) {
                        if (!now.contains(d.asString())) {
                            bulk.append(Cluster.object().set("delete", Cluster.object().put("_id", d.asString())))
                                    .append('\n');
                        }
                    }
                }
                ObjectNode manifest = Cluster.object().put("kind", "art").put("id", id);
                ArrayNode list = manifest.putArray("docs");
                now.forEach(list::add);
                index(bulk, "art|" + id, manifest);
            }
            bulk(bulk, "indexing " + ids.size() + " articles");
        }
        raiseApplied(sequence);
    }

    private static void index(StringBuilder bulk, String id, ObjectNode source) {
        bulk.append(Cluster.object().set("index", Cluster.object().put("_id", id))).append('\n');
        bulk.append(source).append('\n');
    }

    private void bulk(StringBuilder bulk, String what) {
        if (bulk.isEmpty()) {
            return;
        }
        JsonNode r = cluster.call(what, "POST", "/" + alias + "/_bulk", bulk.toString(), Map.of(), false);
        if (r.path("errors").asBoolean(false)) {
            for (JsonNode item : r.path("items")) {
                JsonNode op = item.properties().iterator().next().getValue();
                if (op.path("status").asInt(200) >= 300 && op.path("status").asInt() != 404) {
                    throw new SearchIndexException(what + " failed: the cluster refused " + op.path("_id").asString()
                            + ": " + op.path("error").path("reason").asString(op.path("error").toString()), null);
                }
            }
        }
    }

    private void raiseApplied(long sequence) {
        ObjectNode up = Cluster.object();
        ObjectNode script = up.putObject("script");
        script.put("source", "if (ctx._source.applied == null || params.s > ctx._source.applied) "
                + "{ ctx._source.applied = params.s } else { ctx.op = 'none' }");
        script.putObject("params").put("s", sequence);
        up.putObject("upsert").put("kind", META).put("applied", sequence);
        cluster.call("recording the applied sequence", "POST", "/" + alias + "/_update/" + META, up.toString(),
                Map.of("retry_on_conflict", "5"), false);
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        requireOpen();
        ObjectNode q = Cluster.object();
        q.putObject("query").putObject("bool").putArray("must_not").add(Viewers.term("kind", "sig"));
        cluster.call("dropping the index's documents", "POST", "/" + alias + "/_delete_by_query", q.toString(),
                Map.of("refresh", "true", "conflicts", "proceed"), false);
        List<IndexableArticle> batch = new ArrayList<>(BULK);
        long done = 0;
        while (all.hasNext()) {
            batch.add(all.next());
            if (batch.size() == BULK || !all.hasNext()) {
                apply(batch, 0);
                done += batch.size();
                progress.accept(done);
                batch.clear();
            }
        }
        ObjectNode meta = Cluster.object().put("kind", META).put("applied", sequence);
        cluster.call("recording the applied sequence", "PUT", "/" + alias + "/_doc/" + META, meta.toString(),
                Map.of(), false);
        refresh();
    }

    @Override
    public void refresh() {
        requireOpen();
        cluster.call("refreshing the index", "POST", "/" + alias + "/_refresh", null);
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        requireOpen();
        return searches.search(alias, request, viewer, System.nanoTime());
    }

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_AUTOCOMPLETE);
        return searches.autocomplete(alias, prefix, limit, viewer);
    }

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return searches.related(alias, id, limit, viewer);
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return searches.assist(alias, subject, description, limit, viewer);
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals s) {
        requireOpen();
        ObjectNode sig = Cluster.object().put("kind", "sig").put("id", id.value());
        Docs.signals(sig, s);
        StringBuilder bulk = new StringBuilder();
        index(bulk, "sig|" + id.value(), sig);
        @Nullable JsonNode manifest = cluster.call("reading a manifest", "GET", "/" + alias + "/_doc/"
                + java.net.URLEncoder.encode("art|" + id.value(), java.nio.charset.StandardCharsets.UTF_8), null, Map.of(), true);
        if (manifest != null) {
            for (JsonNode d : manifest.path("_source").path("docs")) {
                ObjectNode fields = Cluster.object();
                Docs.signals(fields, s);
                bulk.append(Cluster.object().set("update", Cluster.object().put("_id", d.asString()))).append('\n');
                bulk.append(Cluster.object().set("doc", fields)).append('\n');
            }
        }
        bulk(bulk, "storing the signals of " + id);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (ephemeral) {
                cluster.call("deleting the in-memory knowledge base's index", "DELETE", "/" + index, null, Map.of(),
                        true);
            }
        } catch (SearchIndexException e) {
            LOG.warn("The index {} of an in-memory knowledge base could not be deleted; delete it by hand", index, e);
        } finally {
            cluster.close();
        }
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new InvalidArgumentException("limit", "must be between 1 and " + max + ", got " + limit);
        }
    }
}
