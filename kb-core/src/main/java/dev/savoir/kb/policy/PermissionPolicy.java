package dev.savoir.kb.policy;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.Role;
import dev.savoir.kb.internal.Check;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an actor may perform an action on an article. The host provides one on the builder; the default is
 * {@link #roleBased()}. Implementations must be thread-safe and fast (called on every change).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PermissionPolicy {
    /**
     * Whether {@code actor} may perform {@code action}.
     *
     * @param article the article's current state, or {@code null} when it is being created
     */
    boolean permits(Actor actor, Action action, @Nullable Article article);

    /**
     * The built-in policy: {@link Role#ADMIN} may do everything; {@link Role#AUTHOR} creates, edits, translates and
     * submits; {@link Role#REVIEWER} approves and requests changes; {@link Role#PUBLISHER} publishes, schedules,
     * unpublishes, archives, restores and verifies. Reading drafts needs any of these roles. Linking a ticket to an
     * article, flagging it or suggesting an edit in the feedback inbox, and acknowledging having read it need
     * {@link Role#AGENT} or any of these roles. Managing learning paths and the learned search vocabulary needs
     * {@link Role#PUBLISHER}; reading the KPI report a publisher or a reviewer.
     */
    static PermissionPolicy roleBased() {
        return (actor, action, article) -> {
            Check.notNull("actor", actor);
            Check.notNull("action", action);
            if (actor.has(Role.ADMIN)) {
                return true;
            }
            return switch (action) {
                case CREATE, EDIT, ADD_TRANSLATION, SUBMIT, RESTORE_REVISION, UPDATE_METADATA ->
                        actor.has(Role.AUTHOR) || actor.has(Role.PUBLISHER);
                case APPROVE, REQUEST_CHANGES -> actor.has(Role.REVIEWER);
                case MANAGE_LEARNING -> actor.has(Role.PUBLISHER);
                case PUBLISH, SCHEDULE_PUBLISH, UNPUBLISH, ARCHIVE, SCHEDULE_ARCHIVE, RESTORE_FROM_ARCHIVE, VERIFY ->
                        actor.has(Role.PUBLISHER);
                case READ_DRAFTS -> actor.has(Role.AUTHOR) || actor.has(Role.REVIEWER) || actor.has(Role.PUBLISHER);
                case LINK_TICKET, FLAG, ACKNOWLEDGE -> actor.has(Role.AGENT) || actor.has(Role.AUTHOR)
                        || actor.has(Role.REVIEWER) || actor.has(Role.PUBLISHER);
                case MANAGE_SEARCH_VOCABULARY -> actor.has(Role.PUBLISHER);
                case READ_KPI_REPORT -> actor.has(Role.PUBLISHER) || actor.has(Role.REVIEWER);
            };
        };
    }
}
