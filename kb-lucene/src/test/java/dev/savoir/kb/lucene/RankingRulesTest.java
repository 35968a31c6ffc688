package dev.savoir.kb.lucene;

import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SynonymProvider;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.RankingRulesContract;
import java.util.List;
import java.util.function.Supplier;

/** The Lucene engine passes the kit's ranking-rules probe: pins, promotions, blocks and host synonyms. */
class RankingRulesTest extends RankingRulesContract {
    @Override
    protected SearchEngineFactory engineFactory(Supplier<List<PromotionRule>> rules, SynonymProvider synonyms) {
        return LuceneSearchEngine.builder().rules(rules).synonyms(synonyms).build();
    }
}
