package dev.savoir.kb.spring;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.KnowledgeBaseBuilder;
import dev.savoir.kb.KnowledgeBaseListener;
import dev.savoir.kb.SharedResources;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.markdown.RawHtml;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A {@link KnowledgeBase} from the {@code savoir.*} properties ({@link SavoirProperties}), with kb-lucene's search
 * engine and kb-markdown's renderer when they are on the class path, and kb-jdbc's stores in the application's
 * {@code DataSource} when {@code savoir.jdbc.enabled=true}. Every bean backs off when the application declares one
 * of the same type. These beans of the application are used when present: {@link PermissionPolicy},
 * {@link LinkResolver}, {@link EditorialRule}s, {@link SharedResources}, an {@link Embedder} (semantic search),
 * {@link KnowledgeBaseListener}s and {@link KnowledgeBaseBuilderCustomizer}s. The knowledge base is closed with the
 * application context, which releases its folder.
 *
 * <p>Metrics plug in the same way: a binding (kb-micrometer's) contributes a {@link KnowledgeBaseBuilderCustomizer}
 * bean from an auto-configuration of its own, ordered after this one, that registers its observer on the builder.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(KnowledgeBase.class)
@EnableConfigurationProperties(SavoirProperties.class)
@Import(SavoirJdbcConfiguration.class)
public class SavoirAutoConfiguration {
    /** kb-lucene's engine, configured from {@code savoir.search.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LuceneSearchEngine.class)
    @ConditionalOnProperty(prefix = "savoir.search", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class LuceneConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SearchEngineFactory savoirSearchEngine(SavoirProperties properties, ObjectProvider<Embedder> embedders) {
            SavoirProperties.Search p = properties.getSearch();
            LuceneSearchEngine.Builder b = LuceneSearchEngine.builder();
            PropertyOptions.set("savoir.search.refresh-interval", p.getRefreshInterval(), b::refreshInterval);
            PropertyOptions.set("savoir.search.commit-interval", p.getCommitInterval(), b::commitInterval);
            PropertyOptions.set("savoir.search.indexing-threads", p.getIndexingThreads(), b::indexingThreads);
            Embedder embedder = embedders.getIfUnique();
            if (embedder == null) {
                if (p.getDefaultMode() != null && p.getDefaultMode() != SearchMode.LEXICAL) {
                    throw new InvalidArgumentException("savoir.search.default-mode", "is " + p.getDefaultMode()
                            + ", which needs an Embedder bean (e.g. kb-semantic's InJarModels.allMiniLmL6V2())");
                }
                if (!p.getSemanticLanguages().isEmpty()) {
                    throw new InvalidArgumentException("savoir.search.semantic-languages", "is set, which needs an "
                            + "Embedder bean (e.g. kb-semantic's InJarModels.allMiniLmL6V2())");
                }
            } else {
                PropertyOptions.set("savoir.search", embedder, b::embedder);
                if (!p.getSemanticLanguages().isEmpty()) {
                    PropertyOptions.set("savoir.search.semantic-languages", p.getSemanticLanguages(),
                            l -> b.semanticLanguages(l.toArray(String[]::new)));
                }
            }
            PropertyOptions.set("savoir.search.default-mode", p.getDefaultMode(), b::defaultMode);
            return PropertyOptions.named("savoir.search", b::build);
        }
    }

    /** kb-markdown's renderer, configured from {@code savoir.renderer.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MarkdownRenderer.class)
    @ConditionalOnProperty(prefix = "savoir.renderer", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class MarkdownConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ContentRenderer savoirRenderer(SavoirProperties properties) {
            SavoirProperties.Renderer p = properties.getRenderer();
            MarkdownRenderer.Builder b = MarkdownRenderer.builder();
            PropertyOptions.set("savoir.renderer.raw-html", p.getRawHtml(), v -> b.rawHtml(rawHtml(v)));
            PropertyOptions.set("savoir.renderer.external-link-rel", p.getExternalLinkRel(), b::externalLinkRel);
            PropertyOptions.set("savoir.renderer.cache-bytes", p.getCacheBytes(), b::cacheMaximumBytes);
            PropertyOptions.set("savoir.max-body-bytes", properties.getMaxBodyBytes(), b::maxBodyBytes);
            return PropertyOptions.named("savoir.renderer", b::build);
        }

        private static RawHtml rawHtml(String value) {
            for (RawHtml r : RawHtml.values()) {
                if (r.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
                    return r;
                }
            }
            throw new InvalidArgumentException("savoir.renderer.raw-html", "must be escape, sanitize or "
                    + "trusted-unsafe, got \"" + value + "\"");
        }
    }

    /**
     * The knowledge base; closed with the context. Fails at start-up, naming the property, when a property is refused
     * or two conflict.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KnowledgeBase knowledgeBase(SavoirProperties properties, ObjectProvider<SearchEngineFactory> engine,
                                ObjectProvider<ContentRenderer> renderer,
                                ObjectProvider<PermissionPolicy> permissions,
                                ObjectProvider<LinkResolver> links, ObjectProvider<EditorialRule> rules,
                                ObjectProvider<SharedResources> shared,
                                ObjectProvider<KnowledgeBaseListener> listeners,
                                ObjectProvider<KnowledgeBaseBuilderCustomizer> customizers,
                                ObjectProvider<StoreWiring> stores) {
        KnowledgeBaseBuilder b = KnowledgeBase.builder();
        StoreWiring wiring = stores.getIfAvailable();
        location(properties, b, wiring, customizers.stream().findAny().isPresent());
        engine.ifAvailable(b::searchEngine);
        renderer.ifAvailable(b::renderer);
        permissions.ifAvailable(b::permissionPolicy);
        links.ifAvailable(b::linkResolver);
        rules.orderedStream().forEach(b::editorialRule);
        shared.ifAvailable(b::shared);
        options(properties, b);
        customizers.orderedStream().forEach(c -> c.customize(b));
        KnowledgeBase kb;
        try {
            kb = b.build();
        } catch (InvalidArgumentException e) {
            if (e.parameter().equals("directory")) {
                throw new InvalidArgumentException("savoir.folder", FOLDER_REQUIRED);
            }
            throw e;
        }
        listeners.orderedStream().forEach(kb::addListener);
        return kb;
    }

    private static final String FOLDER_REQUIRED = "is required: set savoir.folder=/path/to/kb, savoir.in-memory=true, "
            + "or savoir.jdbc.enabled=true (with kb-jdbc and a DataSource)";

    /** Where the knowledge base lives: the folder, memory, the host's database; conflicts fail here. */
    private static void location(SavoirProperties p, KnowledgeBaseBuilder b, @Nullable StoreWiring wiring,
                                 boolean customized) {
        if (p.isInMemory() && p.getFolder() != null) {
            throw new InvalidArgumentException("savoir.in-memory", "is true and savoir.folder is set: a knowledge "
                    + "base lives either in memory or in a folder; remove one");
        }
        if (p.getJdbc().isEnabled()) {
            if (wiring == null) {
                throw new InvalidArgumentException("savoir.jdbc.enabled", "is true but kb-jdbc is not on the class "
                        + "path: add the dev.savoir:kb-jdbc dependency (and the PostgreSQL driver)");
            }
            wiring.configure(b);
        } else if (p.getFolder() == null && !p.isInMemory() && !customized) {
            throw new InvalidArgumentException("savoir.folder", FOLDER_REQUIRED);
        }
        PropertyOptions.set("savoir.folder", p.getFolder(), b::directory);
        if (p.isInMemory()) {
            PropertyOptions.named("savoir.in-memory", b::inMemory);
        }
    }

    /** Every other property, each handed to its builder option. */
    private static void options(SavoirProperties p, KnowledgeBaseBuilder b) {
        PropertyOptions.set("savoir.default-locale", p.getDefaultLocale(), (Locale l) -> b.defaultLocale(l));
        PropertyOptions.set("savoir.scheduler-interval", p.getSchedulerInterval(), b::schedulerInterval);
        PropertyOptions.set("savoir.follow-interval", p.getFollowInterval(), b::followInterval);
        PropertyOptions.set("savoir.max-body-bytes", p.getMaxBodyBytes(), b::maxBodyBytes);
        PropertyOptions.set("savoir.require-review", p.getRequireReview(), b::requireReview);
        PropertyOptions.set("savoir.require-distinct-reviewer", p.getRequireDistinctReviewer(),
                b::requireDistinctReviewer);
        PropertyOptions.set("savoir.stale-policy", p.getStalePolicy(), b::stalePolicy);
        PropertyOptions.set("savoir.feedback.view-dedup-window", p.getFeedback().getViewDedupWindow(),
                b::viewDedupWindow);
        PropertyOptions.set("savoir.analytics.queue-capacity", p.getAnalytics().getQueueCapacity(),
                b::analyticsQueueCapacity);
        PropertyOptions.set("savoir.analytics.retention-days", p.getAnalytics().getRetentionDays(),
                b::analyticsRetentionDays);
        PropertyOptions.set("savoir.privacy.popular-query-min-viewers", p.getPrivacy().getPopularQueryMinViewers(),
                b::popularQueryMinViewers);
        PropertyOptions.set("savoir.privacy.analytics-raw-text", p.getPrivacy().getAnalyticsRawText(),
                b::analyticsRawText);
    }
}
