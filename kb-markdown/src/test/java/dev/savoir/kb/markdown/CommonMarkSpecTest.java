package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.testutil.TestResources;
import org.commonmark.testutil.example.Example;
import org.commonmark.testutil.example.ExampleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CommonMark specification examples that commonmark-java passes on its own still pass through Savoir's renderer
 * with sanitization off: Savoir's extensions (GFM, alerts, front matter, internal links) do not break standard
 * Markdown. The only differences allowed are the ones Savoir adds on purpose and that a conformance run turns off or
 * strips: heading ids (stripped here), the rel of external links, GitHub's autolinking of bare URLs and YAML front
 * matter (turned off here; with them on, only examples with a bare URL or an opening {@code ---} differ).
 */
class CommonMarkSpecTest {
    private static final Parser BARE_PARSER = Parser.builder().build();
    private static final HtmlRenderer BARE_RENDERER = HtmlRenderer.builder().build();
    private static final MarkdownRenderer SAVOIR = MarkdownRenderer.builder()
            .rawHtml(RawHtml.TRUSTED_UNSAFE)
            .externalLinkRel("")
            .cacheMaximumBytes(0)
            .autolinkBareUrls(false)
            .frontMatter(false)
            .build();
    private static final MarkdownRenderer SAVOIR_GFM = MarkdownRenderer.builder()
            .rawHtml(RawHtml.TRUSTED_UNSAFE)
            .externalLinkRel("")
            .cacheMaximumBytes(0)
            .build();
    private static final Pattern BARE_URL_OR_FRONT_MATTER = Pattern.compile("(?s)^---\\n.*|.*(://|www\\.|@).*");
    private static final Pattern HEADING_ID = Pattern.compile("(<h[1-6]) id=\"[^\"]*\"");

    static List<Example> allExamples() {
        return ExampleReader.readExamples(TestResources.getSpec());
    }

    static Stream<Example> examplesCommonmarkJavaPasses() {
        return allExamples().stream()
                .filter(e -> BARE_RENDERER.render(BARE_PARSER.parse(e.getSource())).equals(e.getHtml()));
    }

    @Test
    void spec_isReadAndAlmostAllExamplesAreCovered() {
        assertThat(allExamples()).hasSizeGreaterThan(600);
        assertThat(examplesCommonmarkJavaPasses().count()).isGreaterThan(allExamples().size() * 95L / 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesCommonmarkJavaPasses")
    void render_specExample_matchesSpec(Example example) {
        String html = HEADING_ID.matcher(SAVOIR.toHtml(example.getSource())).replaceAll("$1");
        assertThat(html).isEqualTo(example.getHtml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesCommonmarkJavaPasses")
    void render_specExampleWithGfmDefaults_differsOnlyForBareUrlsAndFrontMatter(Example example) {
        String html = HEADING_ID.matcher(SAVOIR_GFM.toHtml(example.getSource())).replaceAll("$1");
        if (!html.equals(example.getHtml())) {
            assertThat(example.getSource()).matches(BARE_URL_OR_FRONT_MATTER);
        }
    }
}
