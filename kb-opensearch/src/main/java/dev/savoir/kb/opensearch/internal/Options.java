package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SynonymProvider;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The engine's settings, as the public builder checked them.
 *
 * @param hosts the cluster's HTTP addresses ({@code http://host:9200}, {@code https://...})
 * @param user basic authentication user, or null
 * @param password its password, or null
 * @param sslContext the TLS context for {@code https} hosts, or null for the JVM's default
 * @param prefix the prefix of every index and alias this engine creates
 * @param name the knowledge base's name in the index name, or null: the folder's name, or a new name for an
 *     in-memory knowledge base (whose index is deleted when it closes)
 * @param shards primary shards of a new index
 * @param replicas replicas of a new index
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long to wait for an answer
 * @param refreshInterval how soon a change becomes searchable without {@code refresh()}
 * @param synonymWeight the weight of a host synonym's clause, against the word's own
 * @param synonyms host synonyms, asked at every search
 * @param rules promotion rules (pins, promotions, blocks), asked at every search
 */
public record Options(List<String> hosts, @Nullable String user, @Nullable String password,
                      @Nullable SSLContext sslContext, String prefix, @Nullable String name, int shards,
                      int replicas, Duration connectTimeout, Duration timeout, Duration refreshInterval,
                      float titleWeight, float tagsWeight, float summaryWeight, float phraseWeight,
                      float typoWeight, int rareDocFreq, float k1, float b, double helpfulnessWeight,
                      double popularityWeight, double freshnessWeight, double staleDemotion,
                      Duration popularityHalfLife, Duration freshnessHalfLife, float synonymWeight,
                      SynonymProvider synonyms, Supplier<List<PromotionRule>> rules) {
    public Options {
        hosts = List.copyOf(hosts);
    }
}
