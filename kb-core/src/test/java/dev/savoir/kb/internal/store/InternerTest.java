package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Article;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InternerTest {
    @Test
    void article_isEqual_andSharesRepeatedValues() {
        Interner interner = new Interner();
        Article a = StoreFixtures.create("a1", Locale.ENGLISH, "t").article();
        Article b = StoreFixtures.create("b1", Locale.ENGLISH, "t").article();
        Article sa = interner.article(a);
        Article sb = interner.article(b);
        assertThat(sa).isEqualTo(a);
        assertThat(sb).isEqualTo(b);
        assertThat(sa.owner()).isSameAs(sb.owner());
        assertThat(sa.category()).isSameAs(sb.category());
        assertThat(sa.attributes().get("product")).isSameAs(sb.attributes().get("product"));
        assertThat(sa.createdAt()).isSameAs(sa.updatedAt());
    }

    @Test
    void aFullTable_stopsGrowing_butKeepsSharingWhatItHolds() {
        Interner interner = new Interner();
        String owner = interner.string(new String("team-1"));
        for (int i = 0; i < Interner.MAX_PER_KIND + 10; i++) {
            interner.attributeValue("crm-" + i);
        }
        // Unique attribute values filled their own table, not the one of owners and tags.
        String tag = new String("billing");
        assertThat(interner.string(tag)).isSameAs(tag);
        assertThat(interner.string(new String("billing"))).isSameAs(tag);
        assertThat(interner.string(new String("team-1"))).isSameAs(owner);
        String late = new String("crm-late");
        assertThat(interner.attributeValue(late)).isSameAs(late);
        assertThat(interner.attributeValue(new String("crm-late"))).isNotSameAs(late).isEqualTo(late);
        assertThat(interner.attributeValue(new String("crm-3"))).isEqualTo("crm-3");
    }
}
