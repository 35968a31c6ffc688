package dev.savoir.kb.spring;

import dev.savoir.kb.KnowledgeBaseBuilder;
import org.apiguardian.api.API;

/**
 * Sets builder options that no {@code savoir.*} property covers (a clock, editorial rules, a store of the host's
 * own...). Every bean of this type is applied, in {@link org.springframework.core.annotation.Order} order, after the
 * properties and before {@link KnowledgeBaseBuilder#build()}. Each builder option may be set once: setting one that
 * a property set too fails at start-up naming the option.
 *
 * <pre>{@code
 * @Bean
 * KnowledgeBaseBuilderCustomizer reviewRules() {
 *     return builder -> builder.editorialRule(new NoBareUrlsRule()).requireDistinctReviewer(true);
 * }
 * }</pre>
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface KnowledgeBaseBuilderCustomizer {
    /** Adjusts the builder; called once, on the thread that creates the {@code KnowledgeBase} bean. */
    void customize(KnowledgeBaseBuilder builder);
}
