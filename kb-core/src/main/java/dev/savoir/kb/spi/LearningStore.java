package dev.savoir.kb.spi;

import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.VocabularyDecision;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where the decisions on learned search vocabulary live (approved and rejected synonyms and corrections).
 *
 * <p>Contract (checked by the conformance kit {@code LearningStoreContract} in kb-core's test jar):
 * <ul>
 *   <li>{@link #save} keeps one decision per {@link VocabularyDecision#candidate() candidate}: a second one for the
 *       same candidate replaces the first. It is durable when the call returns (fsync, or a committed
 *       transaction) and survives a close and reopen.</li>
 *   <li>{@link #decisions()} returns every decision kept, the most recent first (then by candidate); what another
 *       process saved in a {@link #shared() shared} store is seen at the next call.</li>
 *   <li>{@link #delete} removes a candidate's decision, durably; deleting what is not there returns false.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface LearningStore extends AutoCloseable {
    /** Every decision, the most recent first. */
    List<VocabularyDecision> decisions();

    /** Stores a decision durably, replacing an earlier one on the same candidate. */
    void save(VocabularyDecision decision);

    /** Removes the decision on {@code candidate} durably; whether there was one. */
    boolean delete(LearnedPair candidate);

    /**
     * Whether other processes write to this store too (a database): the knowledge base then reads the decisions
     * again from time to time, so that every node searches with the same vocabulary.
     */
    default boolean shared() {
        return false;
    }

    /** Releases files or connections; idempotent. */
    @Override
    void close();
}
