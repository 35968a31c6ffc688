package dev.savoir.kb.inbox;

import dev.savoir.kb.InvalidArgumentException;
import org.apiguardian.api.API;

/**
 * Who submitted an inbox item: an actor (an agent, an editor), or a customer known by the viewer key the host uses
 * for reader feedback.
 *
 * @param id the actor's id, or the customer's viewer key (1-200 characters)
 * @param customer whether {@code id} is a customer's viewer key
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record Reporter(String id, boolean customer) {
    public Reporter {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new InvalidArgumentException("reporter", "must be 1-200 characters, got "
                    + (id == null ? "null" : id.length() + " characters"));
        }
    }
}
