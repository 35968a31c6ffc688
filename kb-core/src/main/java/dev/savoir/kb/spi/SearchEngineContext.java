package dev.savoir.kb.spi;

import dev.savoir.kb.policy.StalePolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a knowledge base gives the search engine it opens.
 *
 * @param directory the folder for the index, or {@code null} for an in-memory knowledge base
 * @param clock the knowledge base's clock (freshness, review dates)
 * @param defaultLocale the last step of every locale fallback chain
 * @param stalePolicy what to do with articles past their review date
 * @param renderer gives the plain text of bodies
 * @param scheduler the host's shared scheduler, for background refreshes
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SearchEngineContext(@Nullable Path directory, Clock clock, Locale defaultLocale,
                                  StalePolicy stalePolicy, ContentRenderer renderer,
                                  ScheduledExecutorService scheduler) {
}
