package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.spi.tck.HiddenContentTwins;
import dev.savoir.kb.spi.tck.VisibilityProbes;
import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The visibility part of kb-core's search engine kit (its leak probe, its exact counts against the oracle, its
 * hidden-content twins) on an index built by a follower node: every knowledge base the probes write through is node
 * A of a fresh schema, and every answer they check comes from node B on the same schema, opened before A wrote
 * anything, whose in-memory Lucene index holds only what it read from the store's change feed (B never writes;
 * {@code refresh()} reads the feed to its end first). Fewer tries than the kit's own run, to stay within the default
 * run's budget (most of a try's time is the engine's typo-tolerant searches, not the database);
 * {@code -Dsavoir.full=true} runs five probes per try.
 */
class FollowerVisibilityTest {
    private static final int PROBES_PER_TRY = Boolean.getBoolean("savoir.full") ? 5 : 1;
    private static HikariDataSource dataSource;
    /** Each writer node the probes opened, with the follower node opened beside it. */
    private final Map<KnowledgeBase, KnowledgeBase> followers = new IdentityHashMap<>();

    private static synchronized HikariDataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestPostgres.get().dataSource(12);
        }
        return dataSource;
    }

    @AfterContainer
    static synchronized void closePool() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    private static KnowledgeBase node(String schema, Clock clock, StalePolicy stalePolicy) {
        PostgresStores stores = PostgresStores.builder().dataSource(dataSource()).schema(schema).clock(clock).open();
        return stores.configure(KnowledgeBase.builder()).inMemory().searchEngine(LuceneSearchEngine.factory())
                .requireReview(false).schedulerInterval(Duration.ZERO).followInterval(Duration.ofSeconds(1))
                .clock(clock).stalePolicy(stalePolicy).build();
    }

    /** Node A, the writer, on a fresh schema where node B already follows the feed. */
    private synchronized KnowledgeBase writer(Clock clock, StalePolicy stalePolicy) {
        String schema = TestPostgres.newSchema();
        KnowledgeBase follower = node(schema, clock, stalePolicy);
        KnowledgeBase writer = node(schema, clock, stalePolicy);
        followers.put(writer, follower);
        return writer;
    }

    /** Node B of the writer's schema, having read the feed to its end. The probe closes it. */
    private synchronized KnowledgeBase follower(KnowledgeBase writer) {
        KnowledgeBase follower = followers.remove(writer);
        if (follower == null) {
            throw new IllegalStateException("no follower node beside this writer");
        }
        follower.refresh();
        return follower;
    }

    @Property(tries = 8)
    void onAFollower_noResultEverRevealsWhatTheViewerMayNotSee(@ForAll long seed) {
        for (int i = 0; i < PROBES_PER_TRY; i++) {
            VisibilityProbes.leaks(seed + i, () -> writer(Clock.systemUTC(), StalePolicy.FLAG), this::follower);
        }
    }

    @Property(tries = 3)
    void onAFollower_totalsHitsAndEveryFacetCount_equalTheOraclesExactCounts(@ForAll long seed) {
        for (int i = 0; i < PROBES_PER_TRY; i++) {
            VisibilityProbes.exactCounts(seed + i, this::writer, this::follower);
        }
    }

    @Property(tries = 2)
    void onAFollower_twinsDifferingOnlyInContentTheViewerMayNotRead_giveIdenticalAnswers(@ForAll long seed) {
        for (int i = 0; i < PROBES_PER_TRY; i++) {
            HiddenContentTwins.check(seed + i, clock -> writer(clock, StalePolicy.HIDE_FROM_EXTERNAL),
                    this::follower);
        }
    }
}
