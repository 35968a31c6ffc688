package dev.savoir.kb.opensearch;

import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SynonymProvider;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.RankingRulesContract;
import java.util.List;
import java.util.function.Supplier;

/**
 * kb-opensearch passes the kit's ranking-rules probe on a real node: pins, promotions, blocks and host synonyms give
 * the answers the embedded engine gives.
 */
class RankingRulesTest extends RankingRulesContract {
    @Override
    protected SearchEngineFactory engineFactory(Supplier<List<PromotionRule>> rules, SynonymProvider synonyms) {
        return OpenSearchEngine.builder().hosts(TestNode.shared().url()).rules(rules).synonyms(synonyms).build();
    }
}
