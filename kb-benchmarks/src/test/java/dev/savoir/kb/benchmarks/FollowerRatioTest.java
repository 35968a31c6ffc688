package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interleaved follower-to-embedded runner on a few articles, so that it never rots. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FollowerRatioTest {
    @Test
    void smallRun_timesBothSides_andPrintsTheOneLine() {
        FollowerRatio.Figures f = FollowerRatio.run(300, 3, 10, 1);

        assertThat(f.line()).matches("docs=300 rounds=3 block=10 follower_p50_ms=[0-9.]+ follower_p99_ms=[0-9.]+ "
                + "embedded_p50_ms=[0-9.]+ embedded_p99_ms=[0-9.]+ ratio_p50=[0-9.]+ ratio_p99=[0-9.]+");
        assertThat(f.followerP50()).isPositive();
        assertThat(f.embeddedP50()).isPositive();
        assertThat(f.followerP99()).isGreaterThanOrEqualTo(f.followerP50());
        assertThat(f.embeddedP99()).isGreaterThanOrEqualTo(f.embeddedP50());
    }
}
