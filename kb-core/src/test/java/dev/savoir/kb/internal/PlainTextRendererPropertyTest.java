package dev.savoir.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.BodyAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The plain-text renderer's shortcuts (no link search without {@code "]("}, no tag search without {@code '<'}, one
 * pass for pipes, blanks and line breaks) give exactly what the regular expressions alone gave: the reference
 * below is the analysis as it was written before them, for bodies without headings.
 */
class PlainTextRendererPropertyTest {
    private static final Pattern LINK = Pattern.compile(
            "(!?)\\[([^\\]\\n]{0,500})\\]\\(\\s*<?([^)\\s>]{0,2000})>?[^)]{0,500}\\)");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>\\n]{0,500}>");
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}\\s+|>\\s?|[-*+]\\s+|\\d{1,9}[.)]\\s+)"
            + "|[*_~`]{1,3}|^\\s*\\|?[-:| ]{3,}\\|?\\s*$");

    private final PlainTextRenderer renderer = new PlainTextRenderer();

    @Property(tries = 3000)
    void analysis_isTheRegularExpressionsOne(@ForAll("bodies") String body) {
        BodyAnalysis expected = reference(body);
        BodyAnalysis actual = renderer.analyze(body);
        assertThat(actual.plainText()).isEqualTo(expected.plainText());
        assertThat(actual.internalLinks()).isEqualTo(expected.internalLinks());
        assertThat(actual.images()).isEqualTo(expected.images());
    }

    @Example
    void pipesBlanksAndBreaks_collapseAsBefore() {
        String body = "a | b\t\t|c\n\n\n\nd\n\ne \n \n \nf";
        assertThat(PlainTextRenderer.collapseBlanks(body))
                .isEqualTo(body.replace('|', ' ').replaceAll("[ \\t]+", " ").replaceAll("\\n{3,}", "\n\n"))
                .isEqualTo("a b c\n\nd\n\ne \n \n \nf");
    }

    @Example
    void linksImagesAndTags_areStillFound() {
        BodyAnalysis a = renderer.analyze("See [billing](kb:billing-faq) and ![logo](img.png) <b>now</b>");
        assertThat(a.internalLinks()).containsExactly(new BodyAnalysis.InternalLink("billing-faq", "billing"));
        assertThat(a.images()).containsExactly("img.png");
        assertThat(a.plainText()).isEqualTo("See billing and logo now");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("a", "word", " ", "  ", "\t", "\n", "\n\n\n", "|", "-", ":", "*", "_", "~", "`", "+",
                        ">", "<", "</", "b>", "<i>", "[", "]", "(", ")", "](", "!", "kb:", "kb:faq", "1.", "2)",
                        "x.png", "<u", "\u00e9"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(4));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l)).filter(s -> s.indexOf('#') < 0);
    }

    /** The analysis of a body without headings, as the regular expressions give it. */
    private static BodyAnalysis reference(String markdown) {
        List<BodyAnalysis.InternalLink> links = new ArrayList<>();
        List<String> images = new ArrayList<>();
        Matcher m = LINK.matcher(markdown);
        StringBuilder text = new StringBuilder(markdown.length());
        while (m.find()) {
            String target = m.group(3);
            if (!m.group(1).isEmpty()) {
                images.add(target);
            } else if (target.startsWith("kb:")) {
                links.add(new BodyAnalysis.InternalLink(target.substring(3), m.group(2)));
            }
            m.appendReplacement(text, Matcher.quoteReplacement(m.group(2)));
        }
        m.appendTail(text);
        String plain = MARKUP.matcher(HTML_TAG.matcher(text).replaceAll(" ")).replaceAll("")
                .replace('|', ' ')
                .replaceAll("[ \\t]+", " ")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
        return new BodyAnalysis(plain, links, images);
    }
}
