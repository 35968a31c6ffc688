package dev.savoir.kb;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * The feedback inbox item named does not exist, or the caller may not see it (the two are indistinguishable).
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class InboxItemNotFoundException extends NotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    public InboxItemNotFoundException(String message) {
        super(message);
    }
}
