package dev.savoir.kb;

import dev.savoir.kb.policy.PermissionPolicy;
import java.io.Serial;

/**
 * The knowledge base's {@link PermissionPolicy} does not let this actor do this.
 *
 * @since 0.1
 */
public final class PermissionDeniedException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String actorId;
    private final Action action;

    public PermissionDeniedException(String actorId, Action action, String detail) {
        super(actorId + " may not " + action.verb() + ": " + detail);
        this.actorId = actorId;
        this.action = action;
    }

    public String actorId() {
        return actorId;
    }

    public Action action() {
        return action;
    }
}
