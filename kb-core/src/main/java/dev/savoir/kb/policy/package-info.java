/**
 * Host policies: who may do what ({@link dev.savoir.kb.policy.PermissionPolicy}), the publish gate's own rules
 * ({@link dev.savoir.kb.policy.EditorialRule}), where internal links point ({@link dev.savoir.kb.policy.LinkResolver})
 * and what happens to articles past their review date ({@link dev.savoir.kb.policy.StalePolicy}). Passed to
 * {@code KnowledgeBase.builder()}.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.policy;

import org.jspecify.annotations.NullMarked;
