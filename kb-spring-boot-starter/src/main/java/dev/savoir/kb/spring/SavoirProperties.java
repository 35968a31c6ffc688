package dev.savoir.kb.spring;

import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.SearchMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code savoir.*} properties. An option left unset keeps the {@link dev.savoir.kb.KnowledgeBaseBuilder}'s
 * default; a value the builder refuses, or two that conflict, fail at start-up with an
 * {@link dev.savoir.kb.InvalidArgumentException} whose {@code parameter()} is the property's name.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@ConfigurationProperties("savoir")
public class SavoirProperties {
    /**
     * Folder of the knowledge base: the file store, the search index, feedback and analytics. With
     * savoir.jdbc.enabled, only this node's search index.
     */
    private @Nullable Path folder;
    /** Keep everything in memory (tests, demos): nothing survives the JVM. Excludes savoir.folder. */
    private boolean inMemory;
    /** The last locale of every fallback chain (default en). */
    private @Nullable Locale defaultLocale;
    /** How often scheduled publications and archivals run (default 30s); 0 turns the timer off. */
    private @Nullable Duration schedulerInterval;
    /** How often a node on a shared store polls the change feed (default 1s, between 10ms and 1h). */
    private @Nullable Duration followInterval;
    /** The largest article body accepted, in UTF-8 bytes (default 1 MiB, at most 16 MiB). */
    private @Nullable Integer maxBodyBytes;
    /** Whether publishing needs an approval (default true). */
    private @Nullable Boolean requireReview;
    /** Whether the approving reviewer must differ from the author and submitter (default false). */
    private @Nullable Boolean requireDistinctReviewer;
    /** What happens to articles past their review date (default flag). */
    private @Nullable StalePolicy stalePolicy;

    private final Search search = new Search();
    private final Renderer renderer = new Renderer();
    private final Jdbc jdbc = new Jdbc();
    private final Analytics analytics = new Analytics();
    private final Feedback feedback = new Feedback();
    private final Privacy privacy = new Privacy();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();

    public @Nullable Path getFolder() {
        return folder;
    }

    public void setFolder(@Nullable Path folder) {
        this.folder = folder;
    }

    public boolean isInMemory() {
        return inMemory;
    }

    public void setInMemory(boolean inMemory) {
        this.inMemory = inMemory;
    }

    public @Nullable Locale getDefaultLocale() {
        return defaultLocale;
    }

    public void setDefaultLocale(@Nullable Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
    }

    public @Nullable Duration getSchedulerInterval() {
        return schedulerInterval;
    }

    public void setSchedulerInterval(@Nullable Duration schedulerInterval) {
        this.schedulerInterval = schedulerInterval;
    }

    public @Nullable Duration getFollowInterval() {
        return followInterval;
    }

    public void setFollowInterval(@Nullable Duration followInterval) {
        this.followInterval = followInterval;
    }

    public @Nullable Integer getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(@Nullable Integer maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public @Nullable Boolean getRequireReview() {
        return requireReview;
    }

    public void setRequireReview(@Nullable Boolean requireReview) {
        this.requireReview = requireReview;
    }

    public @Nullable Boolean getRequireDistinctReviewer() {
        return requireDistinctReviewer;
    }

    public void setRequireDistinctReviewer(@Nullable Boolean requireDistinctReviewer) {
        this.requireDistinctReviewer = requireDistinctReviewer;
    }

    public @Nullable StalePolicy getStalePolicy() {
        return stalePolicy;
    }

    public void setStalePolicy(@Nullable StalePolicy stalePolicy) {
        this.stalePolicy = stalePolicy;
    }

    public Search getSearch() {
        return search;
    }

    public Renderer getRenderer() {
        return renderer;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Analytics getAnalytics() {
        return analytics;
    }

    public Feedback getFeedback() {
        return feedback;
    }

    public Privacy getPrivacy() {
        return privacy;
    }

    public Health getHealth() {
        return health;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** {@code savoir.search.*}: kb-lucene's engine, when it is on the class path. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Search {
        /** Whether to configure kb-lucene's search engine (when it is on the class path). */
        private boolean enabled = true;
        /** How soon a change becomes searchable (default 500ms, between 1ms and 60s). */
        private @Nullable Duration refreshInterval;
        /** How often applied changes are committed to disk (default 5s, between 10ms and 1h). */
        private @Nullable Duration commitInterval;
        /** Threads that index a batch (default: the processors, at most 4). */
        private @Nullable Integer indexingThreads;
        /** The mode of a search request that names none (default lexical; semantic and hybrid need an Embedder bean). */
        private @Nullable SearchMode defaultMode;
        /** The languages whose passages are embedded (default all), e.g. en,fr; needs an Embedder bean. */
        private List<String> semanticLanguages = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(@Nullable Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public @Nullable Duration getCommitInterval() {
            return commitInterval;
        }

        public void setCommitInterval(@Nullable Duration commitInterval) {
            this.commitInterval = commitInterval;
        }

        public @Nullable Integer getIndexingThreads() {
            return indexingThreads;
        }

        public void setIndexingThreads(@Nullable Integer indexingThreads) {
            this.indexingThreads = indexingThreads;
        }

        public @Nullable SearchMode getDefaultMode() {
            return defaultMode;
        }

        public void setDefaultMode(@Nullable SearchMode defaultMode) {
            this.defaultMode = defaultMode;
        }

        public List<String> getSemanticLanguages() {
            return semanticLanguages;
        }

        public void setSemanticLanguages(List<String> semanticLanguages) {
            this.semanticLanguages = semanticLanguages;
        }
    }

    /** {@code savoir.renderer.*}: kb-markdown's renderer, when it is on the class path. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Renderer {
        /** Whether to configure kb-markdown's renderer (when it is on the class path). */
        private boolean enabled = true;
        /** What happens to raw HTML in Markdown bodies (default sanitize). */
        private @Nullable String rawHtml;
        /** The rel attribute of external links (default "noopener noreferrer nofollow"). */
        private @Nullable String externalLinkRel;
        /** The rendered-HTML cache budget in bytes (default 32 MiB). */
        private @Nullable Long cacheBytes;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getRawHtml() {
            return rawHtml;
        }

        public void setRawHtml(@Nullable String rawHtml) {
            this.rawHtml = rawHtml;
        }

        public @Nullable String getExternalLinkRel() {
            return externalLinkRel;
        }

        public void setExternalLinkRel(@Nullable String externalLinkRel) {
            this.externalLinkRel = externalLinkRel;
        }

        public @Nullable Long getCacheBytes() {
            return cacheBytes;
        }

        public void setCacheBytes(@Nullable Long cacheBytes) {
            this.cacheBytes = cacheBytes;
        }
    }

    /** {@code savoir.jdbc.*}: the stores in the host's PostgreSQL through kb-jdbc. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Jdbc {
        /**
         * Keep articles, feedback and analytics in the application's DataSource (PostgreSQL 15+, kb-jdbc on the class
         * path); savoir.folder then holds only this node's search index.
         */
        private boolean enabled;
        /** The schema of Savoir's tables, created if missing (default savoir). */
        private @Nullable String schema;
        /** A prefix for every table name (default none), e.g. kb_. */
        private @Nullable String tablePrefix;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getSchema() {
            return schema;
        }

        public void setSchema(@Nullable String schema) {
            this.schema = schema;
        }

        public @Nullable String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(@Nullable String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }
    }

    /** {@code savoir.analytics.*}: search analytics. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Analytics {
        /** How many analytics events may wait to be written before new ones are dropped (default 65536). */
        private @Nullable Integer queueCapacity;
        /** How many days of search analytics are kept (default 365). */
        private @Nullable Integer retentionDays;

        public @Nullable Integer getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(@Nullable Integer queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public @Nullable Integer getRetentionDays() {
            return retentionDays;
        }

        public void setRetentionDays(@Nullable Integer retentionDays) {
            this.retentionDays = retentionDays;
        }
    }

    /** {@code savoir.feedback.*}: reader feedback. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Feedback {
        /** Repeated views of an article by one viewer within this window count once (default 30m). */
        private @Nullable Duration viewDedupWindow;

        public @Nullable Duration getViewDedupWindow() {
            return viewDedupWindow;
        }

        public void setViewDedupWindow(@Nullable Duration viewDedupWindow) {
            this.viewDedupWindow = viewDedupWindow;
        }
    }

    /** {@code savoir.privacy.*}: what is kept of what readers type. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Privacy {
        /** Distinct viewers who must have searched a query before autocomplete offers it to others (default 5, at least 2). */
        private @Nullable Integer popularQueryMinViewers;
        /** Keep queries as typed in analytics instead of with personal data masked (default false: masked). */
        private @Nullable Boolean analyticsRawText;

        public @Nullable Integer getPopularQueryMinViewers() {
            return popularQueryMinViewers;
        }

        public void setPopularQueryMinViewers(@Nullable Integer popularQueryMinViewers) {
            this.popularQueryMinViewers = popularQueryMinViewers;
        }

        public @Nullable Boolean getAnalyticsRawText() {
            return analyticsRawText;
        }

        public void setAnalyticsRawText(@Nullable Boolean analyticsRawText) {
            this.analyticsRawText = analyticsRawText;
        }
    }

    /** {@code savoir.health.*}: the Actuator health indicator. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Health {
        /** Store changes the search index may lag behind before the health turns OUT_OF_SERVICE (default 1000). */
        private long maxIndexLag = 1000;

        public long getMaxIndexLag() {
            return maxIndexLag;
        }

        public void setMaxIndexLag(long maxIndexLag) {
            this.maxIndexLag = maxIndexLag;
        }
    }

    /** {@code savoir.metrics.*}: the knowledge base's Micrometer meters and observations (with kb-micrometer). */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static class Metrics {
        /** Whether the knowledge base reports to the application's MeterRegistry (default true). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
