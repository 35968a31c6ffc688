package dev.savoir.kb.privacy;

import dev.savoir.kb.internal.Check;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Everything a knowledge base recorded about one viewer key, oldest first: the answer to a right-of-access request.
 *
 * @param viewerKey the key asked for
 * @param records what was recorded under it, oldest first
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ViewerData(String viewerKey, List<ViewerRecord> records) {
    public ViewerData {
        Check.notNull("viewerKey", viewerKey);
        records = List.copyOf(Check.noNulls("records", records));
    }
}
