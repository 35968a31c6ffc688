package dev.savoir.kb;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * The learning path named does not exist.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class LearningPathNotFoundException extends NotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    public LearningPathNotFoundException(String message) {
        super(message);
    }
}
