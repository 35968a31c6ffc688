package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.spi.RenderContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Invariants of plain text, excerpts and heading anchors over generated bodies. */
class TextPropertiesTest {
    private final MarkdownRenderer renderer = MarkdownRenderer.builder().cacheMaximumBytes(0).build();

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10);
    }

    /** Well-formed Markdown built from words: every word must reach the plain text, no markup or URL may. */
    @Provide
    Arbitrary<List<String>> constructs() {
        Arbitrary<String> construct = Combinators.combine(Arbitraries.integers().between(0, 9), words())
                .as((kind, w) -> switch (kind) {
                    case 0 -> w;
                    case 1 -> "**" + w + "**";
                    case 2 -> "_" + w + "_";
                    case 3 -> "[" + w + "](https://u.example/" + w + ")";
                    case 4 -> "![" + w + "](https://i.example/" + w + ".png)";
                    case 5 -> "`" + w + "`";
                    case 6 -> "\n\n# " + w + "\n\n";
                    case 7 -> "\n\n- " + w + "\n\n";
                    case 8 -> "[" + w + "](kb:" + w + ")";
                    default -> "~~" + w + "~~";
                });
        return construct.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void analyze_wellFormedMarkdown_plainTextKeepsWordsDropsMarkupAndUrls(@ForAll("constructs") List<String> parts) {
        String body = String.join(" ", parts);
        String text = renderer.analyze(body).plainText();
        assertThat(text).doesNotContain("**", "~~", "](", "example", "kb:", "`", "#");
        for (String part : parts) {
            String word = part.replaceAll("\\(.*\\)", "").replaceAll("[^a-z]", "");
            assertThat(text).contains(word);
        }
    }

    @Property(tries = 500)
    void excerpt_anyText_isShortPrefixCutAtWordBoundary(@ForAll @StringLength(max = 400) String raw,
                                                        @ForAll @IntRange(min = 1, max = 120) int max) {
        MarkdownDocument doc = new MarkdownDocument(java.util.Map.of(), raw, List.of(), List.of(), List.of());
        String excerpt = doc.excerpt(max);
        assertThat(excerpt.length()).isLessThanOrEqualTo(max);
        if (!excerpt.endsWith("…")) {
            assertThat(excerpt).isEqualTo(Excerpt.normalize(raw));
        } else {
            String head = excerpt.substring(0, excerpt.length() - 1);
            String full = Excerpt.normalize(raw);
            assertThat(full).startsWith(head).hasSizeGreaterThan(head.length());
            char next = full.charAt(head.length());
            boolean wordBoundary = next == ' ' || ",;:-(—–".indexOf(next) >= 0;
            boolean oneLongWord = head.indexOf(' ') < 0;
            assertThat(wordBoundary || oneLongWord).as("cut inside a word: %s|%s", head, full).isTrue();
        }
    }

    @Property(tries = 300)
    void render_anyHeadings_getUniqueAnchorsMatchingHtml(@ForAll("headingTexts") List<String> titles) {
        StringBuilder body = new StringBuilder();
        for (String t : titles) {
            body.append("## ").append(t).append("\n\n");
        }
        RenderedArticle.Html html = renderer.render(body.toString(), new RenderContext(ArticleId.of("a"), 1,
                Locale.ENGLISH, ViewerContext.external(Locale.ENGLISH), id -> Optional.empty()));
        List<String> anchors = html.toc().stream().map(RenderedArticle.Heading::anchor).toList();
        assertThat(new HashSet<>(anchors)).hasSameSizeAs(anchors);
        for (String anchor : anchors) {
            assertThat(anchor).matches("[\\p{L}\\p{N}-]+");
            assertThat(html.html()).contains("id=\"" + anchor + "\"");
        }
    }

    @Provide
    Arbitrary<List<String>> headingTexts() {
        return Arbitraries.of("Réinitialiser", "Étape 1", "Etape 1", "étape-1", "FAQ", "faq", "🔥", "Пароль", "a b",
                "a-b", "a_b", "Ça va ?", "section", "section-1").list().ofMinSize(1).ofMaxSize(12);
    }

    /** The normalization an excerpt applies, restated for the test. */
    private static final class Excerpt {
        static String normalize(String raw) {
            StringBuilder out = new StringBuilder();
            boolean space = false;
            for (char c : raw.toCharArray()) {
                if (c == '\n' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0000') {
                    space = !out.isEmpty();
                } else {
                    if (space) {
                        out.append(' ');
                    }
                    space = false;
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
