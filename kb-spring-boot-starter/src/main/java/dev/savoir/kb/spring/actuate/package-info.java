/**
 * Actuator for a Savoir host: {@link dev.savoir.kb.spring.actuate.KnowledgeBaseHealthIndicator} (store reachable,
 * index caught up or lagging, embeddings ready) and {@link dev.savoir.kb.spring.actuate.KnowledgeBaseInfoContributor}
 * (article count, versions), both named {@code savoir}.
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.spring.actuate;

import org.jspecify.annotations.NullMarked;
