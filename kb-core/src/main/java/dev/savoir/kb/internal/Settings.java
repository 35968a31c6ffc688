package dev.savoir.kb.internal;

import dev.savoir.kb.SharedResources;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.SchedulerLease;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.WorkflowStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/** Everything the knowledge base builder collected, checked, for {@link Services#open}. */
public record Settings(@Nullable Path directory, boolean inMemory, @Nullable ArticleStore store,
                       @Nullable SearchEngineFactory engineFactory, @Nullable ContentRenderer renderer, Clock clock,
                       PermissionPolicy permissions, boolean distinctReviewer, boolean reviewRequired,
                       List<EditorialRule> rules, StalePolicy stalePolicy, Locale defaultLocale, int maxBodyBytes,
                       LinkResolver linkResolver, @Nullable SharedResources shared, Duration schedulerInterval,
                       @Nullable LongConsumer rebuildProgress, Duration viewDedupWindow, int analyticsQueueCapacity,
                       int analyticsRetentionDays, @Nullable FeedbackStore feedbackStore,
                       @Nullable AnalyticsStore analyticsStore, SchedulerLease schedulerLease,
                       int popularQueryMinViewers, boolean analyticsRawText, Duration followInterval,
                       @Nullable KnowledgeBaseObserver observer, @Nullable WorkflowStore workflowStore,
                       @Nullable LearningStore learningStore, int learningMinSessions) {
    public Settings {
        rules = List.copyOf(rules);
    }
}
