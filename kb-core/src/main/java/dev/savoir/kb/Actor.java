package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who makes a change: the host's user id and the roles it holds. Recorded in revisions and audit events.
 *
 * @param id the host's id for the user, e.g. an e-mail or a CRM user id (1-200 characters)
 * @param roles the roles held
 * @since 0.1
 */
public record Actor(String id, Set<Role> roles) {
    public Actor {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new ValidationException(List.of(new Violation("actor",
                    "an actor id must be 1-200 characters, e.g. \"alice@example.com\"")));
        }
        roles = roles == null ? Set.of() : Set.copyOf(Check.noNulls("roles", roles));
    }

    /** An actor with the given roles. */
    public static Actor of(String id, Role... roles) {
        return new Actor(id, Set.copyOf(Arrays.asList(Check.noNulls("roles", roles))));
    }

    /** Whether the actor holds the role. */
    public boolean has(Role role) {
        return roles.contains(role);
    }
}
