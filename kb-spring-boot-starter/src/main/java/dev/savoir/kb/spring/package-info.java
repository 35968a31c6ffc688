/**
 * Spring Boot auto-configuration of a {@link dev.savoir.kb.KnowledgeBase}: add {@code dev.savoir:kb-spring-boot-starter},
 * set {@code savoir.folder} (or {@code savoir.jdbc.enabled=true} with kb-jdbc and the host's {@code DataSource}),
 * and inject {@code KnowledgeBase}. Every bean backs off when the host declares its own; {@link
 * dev.savoir.kb.spring.KnowledgeBaseBuilderCustomizer} beans reach every builder option no property covers. With
 * Actuator, a health indicator and an info contributor named {@code savoir}.
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.spring;

import org.jspecify.annotations.NullMarked;
