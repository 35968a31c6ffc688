package dev.savoir.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.BodyAnalysis;
import org.junit.jupiter.api.Test;

/** The default renderer tells where its ATX headings start, so that passages split at them. */
class PlainTextSectionsTest {
    private final PlainTextRenderer renderer = new PlainTextRenderer();

    @Test
    void headings_becomeSectionsAtTheirPlaceInThePlainText() {
        BodyAnalysis a = renderer.analyze("Intro **bold**.\n\n## Reset the router\n\nHold it.\n\n### Next step\nDone.");
        assertThat(a.plainText()).doesNotContain("#").doesNotContain("\uE000");
        assertThat(a.sections()).extracting(BodyAnalysis.Section::heading)
                .containsExactly("Reset the router", "Next step");
        assertThat(a.sections()).extracting(BodyAnalysis.Section::level).containsExactly(2, 3);
        for (BodyAnalysis.Section s : a.sections()) {
            assertThat(a.plainText().substring(s.start())).startsWith(s.heading());
            assertThat(s.anchor()).isEmpty();
        }
    }

    @Test
    void noHeading_orAHashtag_orTheMarkCharacter_giveNoSection() {
        assertThat(renderer.analyze("Plain #hashtag text.").sections()).isEmpty();
        assertThat(renderer.analyze("A \uE000 character.").sections()).isEmpty();
        assertThat(renderer.analyze("A \uE0002 character.").plainText()).doesNotContain("\uE000");
    }
}
