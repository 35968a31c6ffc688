package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The offsets packed after an entry's compact state read back exactly, in any order and size. */
class StoreEntryTest {
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale FR = Locale.FRENCH;

    @Test
    void offsets_readBackExactly_whateverTheirOrderAndSize() {
        ArticleCodec codec = new ArticleCodec();
        Article a = StoreFixtures.create("a1", EN, "t").article();
        // EN has 2 revisions, FR 1; then 3 event records; offsets out of order, one past 4 GiB.
        long[] offsets = {2, 1, 500, 16, 9_000_000_000L, 500, 16, 0};
        StoreEntry e = new StoreEntry(codec, a, 7, new Locale[] {EN, FR}, offsets);
        assertThat(e.offsets()).containsExactly(offsets);
        assertThat(e.revisionCount(EN)).isEqualTo(2);
        assertThat(e.revisionCount(FR)).isEqualTo(1);
        assertThat(e.revisionCount(Locale.GERMAN)).isZero();
        assertThat(e.revisionOffset(EN, 2)).isEqualTo(16);
        assertThat(e.revisionOffset(FR, 1)).isEqualTo(9_000_000_000L);
        assertThat(e.revisionOffset(FR, 2)).isEqualTo(-1);
        assertThat(e.eventOffsets()).containsExactly(500, 16, 0);
        assertThat(e.eventRecords()).isEqualTo(3);
        assertThat(e.article()).isEqualTo(a);
        assertThat(e.lastSequence()).isEqualTo(7);
        assertThat(e.stateBytes()).isLessThan(64);
    }

    @Test
    void malformedOffsets_areRefused() {
        ArticleCodec codec = new ArticleCodec();
        Article a = StoreFixtures.create("a1", EN, "t").article();
        assertThatThrownBy(() -> new StoreEntry(codec, a, 1, new Locale[] {EN}, new long[] {3, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a1");
        assertThatThrownBy(() -> new StoreEntry(codec, a, 1, new Locale[] {EN}, new long[] {1, -5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }
}
