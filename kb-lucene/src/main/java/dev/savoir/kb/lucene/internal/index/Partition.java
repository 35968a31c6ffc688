package dev.savoir.kb.lucene.internal.index;

import org.apache.lucene.search.Query;

/**
 * The documents whose content may shape one viewer's results: what the viewer may see in any locale (published, or
 * working translations for internal viewers asking for drafts; the audiences it belongs to; not past review when
 * stale articles are hidden from it). Term statistics, typo candidates, rare-word decisions and spelling suggestions
 * are computed over the live documents of a partition only, so content outside it (internal articles for a
 * customer, drafts, deleted documents) changes nothing in that viewer's results.
 *
 * @param key identifies the partition in the statistics cache: two viewers with the same key see the same documents
 *     (the stale rule aside, which {@code hideStale} and {@code now} carry)
 * @param audience the partition's documents, before the stale rule
 * @param hideStale whether documents whose review date is at or before {@code now} are outside the partition
 * @param now the time the stale rule is read at (milliseconds since the epoch)
 */
public record Partition(String key, Query audience, boolean hideStale, long now) {
}
