package dev.savoir.kb.jdbc;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBaseBuilder;
import dev.savoir.kb.jdbc.internal.Jdbc;
import dev.savoir.kb.jdbc.internal.PgAnalyticsStore;
import dev.savoir.kb.jdbc.internal.PgArticleStore;
import dev.savoir.kb.jdbc.internal.PgFeedbackStore;
import dev.savoir.kb.jdbc.internal.PgLearningStore;
import dev.savoir.kb.jdbc.internal.PgSchedulerLease;
import dev.savoir.kb.jdbc.internal.PgWorkflowStore;
import dev.savoir.kb.jdbc.internal.SchemaMigrator;
import dev.savoir.kb.jdbc.internal.Tables;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.SchedulerLease;
import dev.savoir.kb.spi.StoreRecordCodec;
import dev.savoir.kb.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Savoir's stores in the host's PostgreSQL (15 or newer): articles with their revisions, audit events and change
 * feed; reader feedback; search analytics. Every node of the host opens its own {@code PostgresStores} on the same
 * database and schema; the database is the one shared part.
 *
 * <pre>{@code
 * PostgresStores stores = PostgresStores.builder()
 *         .dataSource(hostDataSource)        // the host's pool, e.g. HikariCP
 *         .schema("savoir")                  // created if missing
 *         .tablePrefix("kb_")                // optional
 *         .open();                           // checks the database, migrates the schema
 * KnowledgeBase kb = stores.configure(KnowledgeBase.builder())
 *         .searchEngine(LuceneSearchEngine.factory())
 *         .directory(localIndexFolder)       // this node's own index (and nothing else)
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#open()} checks the database and brings the schema to this version with versioned migrations
 * (Flyway, history in {@code <prefix>schema_history}); a database that is not PostgreSQL 15+, a schema from a newer
 * Savoir or a failed migration is refused with {@link DatabaseSchemaException}. The knowledge base closes the stores
 * it was given; {@link #close()} closes them too (idempotent). The host's {@link DataSource} is never closed.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PostgresStores implements AutoCloseable {
    private final Tables tables;
    private final String schemaVersion;
    private final PgArticleStore articles;
    private final PgFeedbackStore feedback;
    private final PgAnalyticsStore analytics;
    private final PgLearningStore learning;
    private final PgSchedulerLease lease;
    private final PgWorkflowStore workflow;

    private PostgresStores(Builder b, DataSource dataSource) {
        this.tables = new Tables(b.schema, b.prefix);
        this.schemaVersion = SchemaMigrator.migrate(dataSource, tables, b.extraLocations);
        this.articles = new PgArticleStore(new Jdbc(dataSource, tables, "the article store"),
                StoreRecordCodec.standard());
        this.feedback = new PgFeedbackStore(new Jdbc(dataSource, tables, "the feedback store"), b.clock,
                b.viewDedupWindow);
        this.analytics = new PgAnalyticsStore(new Jdbc(dataSource, tables, "the analytics store"),
                b.analyticsQueueCapacity, b.analyticsRetentionDays, b.clock.instant());
        this.workflow = new PgWorkflowStore(new Jdbc(dataSource, tables, "the workflow store"));
        this.learning = new PgLearningStore(new Jdbc(dataSource, tables, "the learned vocabulary store"));
        this.lease = new PgSchedulerLease(dataSource, PgSchedulerLease.keyOf(tables), tables.schema() + "."
                + tables.prefix() + "scheduler");
    }

    /** A builder; {@link Builder#dataSource} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hands the stores and the scheduler lease to a knowledge base's builder ({@code store}, {@code feedbackStore},
     * {@code analyticsStore}, {@code workflowStore}, {@code learningStore}, {@code schedulerLease}); the knowledge
     * base closes the stores and gives the lease up when it closes.
     */
    public KnowledgeBaseBuilder configure(KnowledgeBaseBuilder builder) {
        if (builder == null) {
            throw new InvalidArgumentException("builder", "is required, got null");
        }
        return builder.store(articles).feedbackStore(feedback).analyticsStore(analytics).workflowStore(workflow)
                .learningStore(learning)
                .schedulerLease(lease);
    }

    /**
     * The lease that lets one node at a time run scheduled transitions: a PostgreSQL advisory lock held on a
     * connection of its own while this node holds the lease. A node that closes gives it up at once; one that dies
     * loses it when the database sees its connection close; another node takes it at its next scheduler run.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public SchedulerLease schedulerLease() {
        return lease;
    }

    /** The article store (for a host that wires the knowledge base itself). */
    public ArticleStore articleStore() {
        return articles;
    }

    /** The feedback store. */
    public FeedbackStore feedbackStore() {
        return feedback;
    }

    /** The analytics store. */
    public AnalyticsStore analyticsStore() {
        return analytics;
    }

    /**
     * The workflow store: the feedback inbox, learning paths and read acknowledgements.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public WorkflowStore workflowStore() {
        return workflow;
    }

    /**
     * The store of the decisions on learned search vocabulary.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public LearningStore learningStore() {
        return learning;
    }

    /** The schema the tables live in. */
    public String schema() {
        return tables.schema();
    }

    /** The prefix of every table name (may be empty). */
    public String tablePrefix() {
        return tables.prefix();
    }

    /** The schema version after opening (the latest migration applied, e.g. {@code "3"}). */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Closes the three stores (flushing pending analytics); idempotent. Leaves the host's DataSource open. */
    @Override
    public void close() {
        try {
            analytics.close();
        } finally {
            learning.close();
            feedback.close();
            workflow.close();
            articles.close();
            lease.release();
        }
    }

    /**
     * Configures {@link PostgresStores}. Each option may be set once; arguments are checked at once. Not
     * thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private @Nullable DataSource dataSource;
        private String schema = "savoir";
        private String prefix = "";
        private Clock clock = Clock.systemUTC();
        private Duration viewDedupWindow = Duration.ofMinutes(30);
        private int analyticsQueueCapacity = 65_536;
        private int analyticsRetentionDays = 365;
        private final List<String> extraLocations = new ArrayList<>();
        private final Set<String> set = new HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
            }
        }

        /** The host's DataSource (required). Connections are taken per call and returned at once. */
        public Builder dataSource(DataSource dataSource) {
            once("dataSource");
            if (dataSource == null) {
                throw new InvalidArgumentException("dataSource", "is required, got null");
            }
            this.dataSource = dataSource;
            return this;
        }

        /** The schema of the tables (default {@code savoir}), created if missing: a lower-case SQL identifier. */
        public Builder schema(String schema) {
            once("schema");
            this.schema = new Tables(schema, "").schema();
            return this;
        }

        /** A prefix for every table name (default none), e.g. {@code kb_}: a lower-case SQL identifier. */
        public Builder tablePrefix(String prefix) {
            once("tablePrefix");
            this.prefix = new Tables("savoir", prefix).prefix();
            return this;
        }

        /** The clock of the view dedup window and the analytics retention: the knowledge base's clock. */
        public Builder clock(Clock clock) {
            once("clock");
            if (clock == null) {
                throw new InvalidArgumentException("clock", "is required, got null");
            }
            this.clock = clock;
            return this;
        }

        /** Repeated views of one article by one viewer within this window count once (default 30 minutes). */
        public Builder viewDedupWindow(Duration window) {
            once("viewDedupWindow");
            if (window == null || window.isNegative()) {
                throw new InvalidArgumentException("viewDedupWindow", "must be zero or positive, got " + window);
            }
            this.viewDedupWindow = window;
            return this;
        }

        /** How many analytics events may wait for a flush before new ones are dropped (default 65,536). */
        public Builder analyticsQueueCapacity(int capacity) {
            once("analyticsQueueCapacity");
            if (capacity < 1 || capacity > 16_777_216) {
                throw new InvalidArgumentException("analyticsQueueCapacity", "must be between 1 and 16777216, got "
                        + capacity);
            }
            this.analyticsQueueCapacity = capacity;
            return this;
        }

        /** How many days of analytics are kept (default 365). */
        public Builder analyticsRetentionDays(int days) {
            once("analyticsRetentionDays");
            if (days < 1 || days > 36_500) {
                throw new InvalidArgumentException("analyticsRetentionDays", "must be between 1 and 36500, got "
                        + days);
            }
            this.analyticsRetentionDays = days;
            return this;
        }

        /** More migrations to apply after Savoir's own (tests). */
        Builder extraMigrations(String location) {
            extraLocations.add(location);
            return this;
        }

        /**
         * Checks the database, migrates the schema, and opens the stores.
         *
         * @throws InvalidArgumentException if no DataSource was given
         * @throws DatabaseSchemaException if the database is not PostgreSQL 15+, its schema is newer than this
         *     Savoir, or a migration failed
         * @throws dev.savoir.kb.StoreException if the database cannot be reached
         */
        public PostgresStores open() {
            if (dataSource == null) {
                throw new InvalidArgumentException("dataSource", "is required: give the host's DataSource");
            }
            return new PostgresStores(this, dataSource);
        }
    }
}
