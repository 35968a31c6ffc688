package dev.savoir.kb.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.QueryNormalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link PersonalData} takes for personal data, and what it leaves alone. */
class PersonalDataTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invoice for jane.doe@example.com order 4471|invoice for <email> order 4471",
        "my card 4111111111111111 alice@example.org|my card <card> <email>",
        "card 4111 1111 1111 1111 declined|card <card> declined",
        "card 5500-0000-0000-0004|card <card>",
        "call me +33 6 12 34 56 78 please|call me <phone> please",
        "call (555) 123-4567|call <phone>",
        "my number 06 12 34 56 78|my number <phone>",
        "phone 555-123-4567|phone <phone>",
        "phone 555.123.4567|phone <phone>",
        "local 123-4567|local <phone>",
        "iban FR76 3000 6000 0112 3456 7890 189 refund|iban <account> refund",
        "iban DE89370400440532013000|iban <account>",
        "customer 12345678|customer <number>",
        "ref 4111111111111112 wrong|ref <number> wrong",
        "link https://shop.example.com/reset?token=abc123 broken|link <url> broken",
        "www.example.com/a?session_id=xyz|<url>",
        "https://example.com/x#access_token=abc|<url>",
    })
    void mask_replacesEachPieceOfPersonalDataWithItsPlaceholder(String typed, String masked) {
        assertThat(PersonalData.mask(typed)).isEqualTo(masked);
        assertThat(PersonalData.containsAny(typed)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reset password", "order 4471", "invoice 2024", "paris 75001", "error 0x80070005",
        "windows 10 21h2", "version 10.15.7", "invoice 2024-03-15", "due 15/03/2024", "https://example.com/help",
        "https://example.com/search?q=printer", "top 10 tips", "réinitialiser mot de passe", "c++ 11 install",
        "1 000 euros", "gift card", "iphone 15 pro"})
    void ordinaryQueries_holdNoPersonalData(String typed) {
        assertThat(PersonalData.containsAny(typed)).as(typed).isFalse();
        assertThat(PersonalData.mask(typed)).isEqualTo(typed);
    }

    @Test
    void maskAndNormalize_normalizesAroundThePlaceholders() {
        assertThat(PersonalData.maskAndNormalize("Invoice for Jane.Doe@Example.com, ORDER #4471!"))
                .isEqualTo("invoice for <email> order 4471");
        assertThat(PersonalData.maskAndNormalize("my card 4111111111111111 alice@example.org"))
                .isEqualTo("my card <card> <email>");
        assertThat(PersonalData.maskAndNormalize("Réinitialiser  MOT-de-passe!"))
                .isEqualTo(QueryNormalizer.normalize("Réinitialiser  MOT-de-passe!"));
        assertThat(PersonalData.maskAndNormalize("jane@example.com")).isEqualTo("<email>");
        assertThat(PersonalData.maskAndNormalize("x".repeat(5_000) + " jane@example.com"))
                .hasSizeLessThanOrEqualTo(QueryNormalizer.MAX_CHARS);
    }

    @Test
    void luhn_acceptsValidCardNumbersOnly() {
        assertThat(PersonalData.luhn("4111111111111111")).isTrue();
        assertThat(PersonalData.luhn("79927398713")).isTrue();
        assertThat(PersonalData.luhn("4111111111111112")).isFalse();
    }

    @Test
    @Timeout(5)
    void hostileInput_isScannedInBoundedTime() {
        String[] hostile = {"a".repeat(800), "1 ".repeat(400), "+1 ".repeat(260), "ab12 ".repeat(160),
            "a@".repeat(400), "a.".repeat(400) + "@", "https://x?" + "a&".repeat(395), "(12) ".repeat(160),
            "12-".repeat(266), "a@b" + ".c".repeat(395)};
        for (String h : hostile) {
            PersonalData.maskAndNormalize(h);
            PersonalData.containsAny(h.substring(0, Math.min(80, h.length())));
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 300)
    void luhnValidCardNumbers_areAlwaysMasked_howeverGrouped(@ForAll("cards") String card,
                                                             @ForAll("separators") String separator,
                                                             @ForAll @AlphaChars @StringLength(min = 1, max = 12)
                                                             String word) {
        String grouped = card.replaceAll("(\\d{4})(?=\\d)", "$1" + separator);
        String typed = word + " " + grouped + " " + word;
        assertThat(PersonalData.containsAny(typed)).as(typed).isTrue();
        String masked = PersonalData.mask(typed);
        assertThat(masked).as(typed).doesNotContain(card.substring(0, 6)).contains(word);
    }

    @Property(tries = 300)
    void emailAddresses_areAlwaysMasked(@ForAll @AlphaChars @StringLength(min = 1, max = 15) String user,
                                        @ForAll @AlphaChars @StringLength(min = 1, max = 15) String domain,
                                        @ForAll("tlds") String tld) {
        String email = user + "." + user + "@" + domain + "." + tld;
        String masked = PersonalData.maskAndNormalize("help for " + email + " please");
        assertThat(masked).isEqualTo("help for <email> please");
    }

    @Property(tries = 300)
    void digitRunsOfSixOrMore_areMasked_shorterOnesKept(@ForAll @IntRange(min = 1, max = 30) int length,
                                                        @ForAll("digitSeeds") long seed) {
        String digits = Long.toString(Math.abs(seed)).repeat(30).substring(0, length);
        boolean found = PersonalData.containsAny("order " + digits + " help");
        assertThat(found).as(digits).isEqualTo(length >= PersonalData.LONG_DIGITS);
    }

    @Property(tries = 200)
    void lettersAndSpacesOnly_areNeverMasked(@ForAll @StringLength(max = 80) @AlphaChars String text) {
        assertThat(PersonalData.mask(text)).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> cards() {
        return Combinators.combine(Arbitraries.integers().between(13, 19), Arbitraries.longs()).as((len, seed) -> {
            java.util.Random r = new java.util.Random(seed);
            StringBuilder b = new StringBuilder("4");
            while (b.length() < len - 1) {
                b.append(r.nextInt(10));
            }
            for (int check = 0; check < 10; check++) {
                if (PersonalData.luhn(b.toString() + check)) {
                    return b.toString() + check;
                }
            }
            throw new AssertionError("no Luhn digit for " + b);
        });
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("", " ", "-");
    }

    @Provide
    Arbitrary<String> tlds() {
        return Arbitraries.of("com", "org", "fr", "example", "co");
    }

    @Provide
    Arbitrary<Long> digitSeeds() {
        return Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE);
    }
}
