package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.savoir.kb.ContentTooLargeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile structure renders within a bounded time and without overflowing the stack; over-large bodies fail with a
 * typed error. The timeouts are generous (a shared, slow build machine) but far below what a quadratic or
 * exponential algorithm would need on these inputs.
 */
class PathologicalInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final MarkdownRenderer renderer = MarkdownRenderer.builder().cacheMaximumBytes(0).build();

    private String renderSafely(String body) {
        String html = assertTimeoutPreemptively(LIMIT, () -> renderer.toHtml(body));
        assertTimeoutPreemptively(LIMIT, () -> renderer.document(body));
        assertThat(HtmlSafety.findings(html)).isEmpty();
        return html;
    }

    @Test
    void render_tenThousandNestedBrackets_finishesInTime() {
        String html = renderSafely("[".repeat(10_000) + "a" + "]".repeat(10_000) + "(https://x.example)");
        assertThat(html).contains("a");
    }

    @Test
    void render_tenThousandNestedLinksInImages_finishesInTime() {
        renderSafely("![".repeat(10_000) + "a" + "](https://x.example)".repeat(10_000));
    }

    @Test
    void render_tenThousandNestedBlockQuotes_finishesInTime() {
        String html = renderSafely(">".repeat(10_000) + " deep");
        assertThat(html).contains("deep");
    }

    @Test
    void render_tenThousandNestedBlockQuotesOnSeparateLines_finishesInTime() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            sb.append("> ".repeat(i % 50)).append("line ").append(i).append('\n');
        }
        renderSafely(sb.toString());
    }

    @Test
    void render_tenThousandNestedLists_finishesInTime() {
        renderSafely("- ".repeat(10_000) + "item\n" + "1. ".repeat(10_000) + "item\n");
    }

    @Test
    void render_tenThousandNestedEmphasis_finishesInTime() {
        String html = renderSafely("*a ".repeat(10_000) + "b" + " c*".repeat(10_000));
        assertThat(html).contains("b");
    }

    /**
     * commonmark's inline parser recurses once per level of nesting: the renderer must not depend on the caller's
     * stack, so this renders from a thread with a 256 KiB stack, where 30,000 levels need several MiB.
     */
    @Test
    void render_tensOfThousandsOfNestedEmphasisAndImages_onASmallCallerStack() throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(renderer.toHtml("*a ".repeat(30_000) + "b" + " c*".repeat(30_000) + "\n\n"
                        + "![".repeat(20_000) + "d" + "](https://x.example)".repeat(20_000)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 256 << 10);
        small.start();
        small.join(LIMIT.toMillis() * 3);
        assertThat(outcome.get()).isInstanceOf(String.class);
        assertThat((String) outcome.get()).contains("b").contains("d");
        assertThat(HtmlSafety.findings((String) outcome.get())).isEmpty();
    }

    @Test
    void render_hundredThousandOpenBrackets_finishesInTime() {
        renderSafely("[".repeat(100_000));
    }

    @Test
    void render_hundredThousandImageOpeners_finishesInTime() {
        renderSafely("![".repeat(50_000));
    }

    @Test
    void render_hundredThousandBackticksAndStars_finishesInTime() {
        renderSafely("`a".repeat(50_000) + "*_".repeat(50_000));
    }

    @Test
    void render_hugeTable_finishesInTime() {
        StringBuilder sb = new StringBuilder("|" + " h |".repeat(50) + "\n|" + "---|".repeat(50) + "\n");
        while (sb.length() < 900_000) {
            sb.append("|").append(" c |".repeat(50)).append('\n');
        }
        String html = renderSafely(sb.toString());
        assertThat(html).startsWith("<table>");
    }

    @Test
    void render_tableWithThousandsOfColumnsAndShortRows_finishesInTime() {
        StringBuilder sb = new StringBuilder("|" + "h|".repeat(5_000) + "\n|" + "-|".repeat(5_000) + "\n");
        sb.append("|x|\n".repeat(2_000));
        renderSafely(sb.toString());
    }

    @Test
    void render_manyLinkReferenceDefinitions_finishesInTime() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("[r").append(i).append("]: https://x.example/").append(i).append('\n');
        }
        sb.append("[r1] [r19999]".repeat(1_000));
        renderSafely(sb.toString());
    }

    @Test
    void render_bodyOverTheLimit_failsWithContentTooLarge() {
        MarkdownRenderer small = MarkdownRenderer.builder().maxBodyBytes(1_000).build();
        assertThatThrownBy(() -> small.toHtml("é".repeat(501)))
                .isInstanceOfSatisfying(ContentTooLargeException.class, e -> {
                    assertThat(e.size()).isEqualTo(1_002);
                    assertThat(e.limit()).isEqualTo(1_000);
                });
        assertThatThrownBy(() -> small.analyze("x".repeat(1_001))).isInstanceOf(ContentTooLargeException.class);
        assertThat(small.toHtml("é".repeat(500))).contains("é");
    }

    @Test
    void render_defaultLimitIsOneMebibyte() {
        assertThatThrownBy(() -> renderer.toHtml("a".repeat((1 << 20) + 1)))
                .isInstanceOf(ContentTooLargeException.class);
    }
}
