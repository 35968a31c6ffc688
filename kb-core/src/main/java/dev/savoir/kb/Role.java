package dev.savoir.kb;

import dev.savoir.kb.policy.PermissionPolicy;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A role an actor holds. The built-in roles are what {@link PermissionPolicy#roleBased()} understands; a host adds
 * its own for its own policy.
 *
 * @param name the role's name
 * @since 0.1
 */
public record Role(@JsonValue String name) {
    /** Creates and edits drafts, submits them for review. */
    public static final Role AUTHOR = new Role("author");
    /** Approves or sends back what was submitted. */
    public static final Role REVIEWER = new Role("reviewer");
    /** Publishes, schedules, unpublishes, archives, restores, verifies. */
    public static final Role PUBLISHER = new Role("publisher");
    /** Resolves support tickets: links them to the articles that answered them (since 0.2). */
    public static final Role AGENT = new Role("agent");
    /** May do everything. */
    public static final Role ADMIN = new Role("admin");

    public Role {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new ValidationException(List.of(new Violation("role", "a role name must be 1-64 characters")));
        }
    }

    @JsonCreator
    public static Role of(String name) {
        return new Role(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
