package dev.savoir.kb.opensearch;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.opensearch.internal.Options;
import dev.savoir.kb.opensearch.internal.OsEngine;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SynonymProvider;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Savoir's search engine on an OpenSearch cluster (3.x), over HTTP with the official {@code opensearch-java} client:
 * the same search API as the embedded Lucene engine, for hosts that share one distributed index among many nodes or
 * thousands of knowledge bases. Each knowledge base gets its own index, {@code <prefix><name>-v<mapping version>},
 * behind the alias {@code <prefix><name>}; the store stays the source of truth, and the index catches up from the
 * store's change feed after an outage.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder()
 *         .directory(Path.of("kb"))
 *         .searchEngine(OpenSearchEngine.builder().hosts("https://search.example.com:9200")
 *                 .basicAuth("savoir", secret).indexPrefix("helpdesk-").build())
 *         .build();
 * }</pre>
 *
 * <p>Pins, promotions and blocks ({@link Builder#rules(Supplier)}) and host synonyms ({@link Builder#synonyms})
 * answer as on the embedded engine: a pinned article the viewer may see comes first, in rule order; a block takes
 * the article out of hits, totals and facets; a pin never shows an article the viewer may not see.
 *
 * <p>The engines opened by a factory are thread-safe.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class OpenSearchEngine {
    private OpenSearchEngine() {
    }

    /** Starts configuring an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures the engine. Each option may be set once; {@link #build()} leaves the builder usable. A bad value, a
     * null or an option set twice throws an {@link InvalidArgumentException} naming the parameter.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public static final class Builder {
        private List<String> hosts = List.of("http://localhost:9200");
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable SSLContext sslContext;
        private String prefix = "savoir-";
        private @Nullable String name;
        private int shards = 1;
        private int replicas = 0;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration refreshInterval = Duration.ofSeconds(1);
        private SynonymProvider synonyms = SynonymProvider.NONE;
        private Supplier<List<PromotionRule>> rules = List::of;
        private final Set<String> set = new HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
            }
        }

        /** The cluster's HTTP addresses, such as {@code https://search.example.com:9200} (default localhost:9200). */
        public Builder hosts(String... urls) {
            once("hosts");
            if (urls == null || urls.length == 0) {
                throw new InvalidArgumentException("urls", "name at least one host");
            }
            for (String u : urls) {
                URI uri;
                try {
                    uri = u == null ? null : URI.create(u);
                } catch (IllegalArgumentException e) {
                    uri = null;
                }
                if (uri == null || uri.getHost() == null || uri.getScheme() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new InvalidArgumentException("urls", "a host is an http or https URL such as "
                            + "https://localhost:9200, got " + u);
                }
            }
            this.hosts = List.of(urls);
            return this;
        }

        /** HTTP basic authentication (the security plugin's internal users, for example). */
        public Builder basicAuth(String user, String password) {
            once("basicAuth");
            if (user == null || user.isBlank() || password == null) {
                throw new InvalidArgumentException("user", "basic authentication needs a user and a password");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /** The TLS context for {@code https} hosts (a trust store with the cluster's CA), default the JVM's. */
        public Builder sslContext(SSLContext context) {
            once("sslContext");
            if (context == null) {
                throw new InvalidArgumentException("context", "must not be null");
            }
            this.sslContext = context;
            return this;
        }

        /** The prefix of the index and alias names (default {@code savoir-}): lower case, digits, {@code -_}. */
        public Builder indexPrefix(String prefix) {
            once("indexPrefix");
            if (prefix == null || !prefix.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
                throw new InvalidArgumentException("prefix", "an index prefix is lower-case letters, digits, - and _,"
                        + " starting with a letter or digit, got " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * The knowledge base's name in the index name (default: the knowledge base folder's name; an in-memory
         * knowledge base gets a new name, and its index is deleted when it closes).
         */
        public Builder indexName(String name) {
            once("indexName");
            if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
                throw new InvalidArgumentException("name", "an index name is lower-case letters, digits, - and _, "
                        + "starting with a letter or digit, got " + name);
            }
            this.name = name;
            return this;
        }

        /**
         * Shards of a new index (default 1 primary, 0 replicas). Ranking statistics are the engine's own, so more
         * shards change no score; they spread a very large knowledge base.
         */
        public Builder shards(int primaries, int replicas) {
            once("shards");
            if (primaries < 1 || primaries > 64 || replicas < 0 || replicas > 8) {
                throw new InvalidArgumentException("primaries", "needs 1 to 64 primaries and 0 to 8 replicas, got "
                        + primaries + " and " + replicas);
            }
            this.shards = primaries;
            this.replicas = replicas;
            return this;
        }

        /**
         * How long to wait for a connection (default 2 s) and for an answer (default 10 s): past them a call fails
         * with a {@link dev.savoir.kb.SearchIndexException}.
         */
        public Builder timeouts(Duration connect, Duration answer) {
            once("timeouts");
            for (Duration d : new Duration[] {connect, answer}) {
                if (d == null || d.toMillis() < 1 || d.toMinutes() > 10) {
                    throw new InvalidArgumentException("timeout", "a timeout is between 1 ms and 10 min, got " + d);
                }
            }
            this.connectTimeout = connect;
            this.timeout = answer;
            return this;
        }

        /** How soon a change becomes searchable without {@code refresh()} (default 1 s, at most 60 s). */
        public Builder refreshInterval(Duration interval) {
            once("refreshInterval");
            if (interval == null || interval.toMillis() < 1 || interval.toSeconds() > 60) {
                throw new InvalidArgumentException("interval", "the refresh interval must be between 1 ms and 60 s, "
                        + "got " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        /** Host synonyms, asked at every search (they may change at any time, without a reindex). */
        public Builder synonyms(SynonymProvider provider) {
            once("synonyms");
            if (provider == null) {
                throw new InvalidArgumentException("provider", "must not be null");
            }
            this.synonyms = provider;
            return this;
        }

        /** Fixed promotion rules (pins, promotions, blocks). */
        public Builder rules(List<PromotionRule> fixed) {
            if (fixed == null) {
                throw new InvalidArgumentException("fixed", "must not be null");
            }
            for (PromotionRule r : fixed) {
                if (r == null) {
                    throw new InvalidArgumentException("fixed", "must not hold a null rule");
                }
            }
            List<PromotionRule> copy = List.copyOf(fixed);
            return rules(() -> copy);
        }

        /** Promotion rules, asked at every search (they may change at any time). */
        public Builder rules(Supplier<List<PromotionRule>> provider) {
            once("rules");
            if (provider == null) {
                throw new InvalidArgumentException("provider", "must not be null");
            }
            this.rules = provider;
            return this;
        }

        /** A factory of engines with these settings. */
        public SearchEngineFactory build() {
            Options o = new Options(hosts, user, password, sslContext, prefix, name, shards, replicas,
                    connectTimeout, timeout, refreshInterval, 0.35f, 0.25f, 0.15f, 0.1f, 0.4f, 2, 1.2f, 0.75f, 0.2,
                    0.05, 0.02, 0.5, Duration.ofDays(30), Duration.ofDays(365), 0.7f, synonyms, rules);
            return context -> OsEngine.open(context, o);
        }
    }
}
