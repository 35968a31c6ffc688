package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.eval.SearchLatency;
import org.junit.jupiter.api.Test;

class EngineLatencyTest {
    @Test
    void parse_readsBackWhatAChildPrints() {
        SearchLatency.Result r = new SearchLatency.Result("opensearch", "piaf-fr", 200, 1234, 5678, 1500);
        assertThat(EngineLatency.parse(r.line())).isEqualTo(r);
    }

    @Test
    void parse_otherOutput_failsSayingWhatItGot() {
        assertThatThrownBy(() -> EngineLatency.parse("dataset=x queries=2 ndcg@10=1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a latency line");
    }
}
