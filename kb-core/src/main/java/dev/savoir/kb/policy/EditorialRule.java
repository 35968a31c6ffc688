package dev.savoir.kb.policy;

import dev.savoir.kb.EditorialRulesException;
import dev.savoir.kb.Violation;
import java.util.List;

/**
 * A host-defined publish gate. Every rule runs on every publish (and on scheduling); all violations of all rules are
 * reported together in an {@link EditorialRulesException}. Must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EditorialRule {
    /** The violations of this rule, empty when the candidate may be published. */
    List<Violation> check(PublishCandidate candidate);
}
