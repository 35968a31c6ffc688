package dev.savoir.kb.spring.actuate;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.search.IndexStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * What {@code /actuator/info} says of the knowledge base, under {@code savoir}: the Savoir version, the number of
 * articles, the store (its type, and on PostgreSQL its schema and schema version), the store's last change, and
 * whether search and semantic search are configured. Reads the store; never reads article content.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class KnowledgeBaseInfoContributor implements InfoContributor {
    private final KnowledgeBase kb;
    private final String version;
    private final Map<String, Object> store;

    /**
     * @param version the Savoir version to report
     * @param store what to say of the store (e.g. {@code type=folder}), shown as given
     */
    public KnowledgeBaseInfoContributor(KnowledgeBase kb, String version, Map<String, Object> store) {
        if (kb == null) {
            throw new InvalidArgumentException("kb", "is required, got null");
        }
        this.kb = kb;
        this.version = version;
        this.store = Map.copyOf(store);
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> savoir = new LinkedHashMap<>();
        savoir.put("version", version);
        savoir.put("articles", kb.size());
        IndexStatus index = kb.indexStatus();
        Map<String, Object> s = new LinkedHashMap<>(store);
        s.put("lastChange", index.lastChange());
        savoir.put("store", s);
        savoir.put("search", index.enabled());
        savoir.put("semanticSearch", index.enabled() && kb.embeddingProgress().enabled());
        builder.withDetail("savoir", savoir);
    }
}
