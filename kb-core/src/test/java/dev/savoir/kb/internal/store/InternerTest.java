package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.CategoryPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InternerTest {
    @Test
    void repeatedValues_areShared() {
        Interner interner = new Interner();
        assertThat(interner.locale("zh-Hant-TW")).isSameAs(interner.locale(Locale.forLanguageTag("zh-Hant-TW")));
        assertThat(interner.category("Billing > Invoices")).isSameAs(interner.category("Billing > Invoices"))
                .isEqualTo(CategoryPath.of("Billing", "Invoices"));
        assertThat(interner.type("faq")).isSameAs(interner.type("faq"));
        Locale[] list = interner.localeList(List.of(Locale.ENGLISH, Locale.FRENCH));
        assertThat(interner.localeList(List.of(Locale.ENGLISH, Locale.FRENCH))).isSameAs(list);
    }

    @Test
    void aFullTable_stopsGrowing_butKeepsSharingWhatItHolds() {
        Interner interner = new Interner();
        CategoryPath first = interner.category("Billing");
        for (int i = 0; i < Interner.MAX_PER_KIND + 10; i++) {
            interner.category("Cat " + i);
        }
        assertThat(interner.category("Billing")).isSameAs(first);
        CategoryPath late = interner.category("Late");
        assertThat(interner.category("Late")).isNotSameAs(late).isEqualTo(late);
    }
}
