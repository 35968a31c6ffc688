package dev.savoir.kb.benchmarks;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering generated article bodies: Savoir's sanitizing renderer uncached ({@code sdkRender}) and from its cache
 * ({@code sdkRenderCached}), against bare commonmark-java parse + render with the same GFM extensions and no
 * sanitization ({@code rawRender}, the twin). No knowledge base is needed.
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class RenderBench {
    private final List<String> bodies = new ArrayList<>();
    private final List<RenderContext> contexts = new ArrayList<>();
    private MarkdownRenderer savoir;
    private Parser parser;
    private HtmlRenderer html;
    private int next;

    /** Generates 256 bodies and builds the renderers. */
    @Setup(Level.Trial)
    public void setUp() {
        KbGenerator g = new KbGenerator(KbGenerator.DEFAULT_SEED);
        ViewerContext viewer = ViewerContext.external(Locale.ENGLISH);
        for (int i = 0; i < 256; i++) {
            bodies.add(g.body(i));
            contexts.add(new RenderContext(ArticleId.of(KbGenerator.id(i)), 1, Locale.ENGLISH, viewer,
                    id -> Optional.empty()));
        }
        savoir = MarkdownRenderer.create();
        var ext = List.of(TablesExtension.create(), StrikethroughExtension.create(), TaskListItemsExtension.create(),
                AutolinkExtension.create());
        parser = Parser.builder().extensions(ext).build();
        html = HtmlRenderer.builder().extensions(ext).build();
    }

    private int advance() {
        int i = next;
        next = (next + 1) % bodies.size();
        return i;
    }

    /** Savoir, uncached: parse, sanitize, render. */
    @Benchmark
    public String sdkRender() {
        return savoir.toHtml(bodies.get(advance()));
    }

    /** Savoir, from the render cache (every body was rendered once before). */
    @Benchmark
    public Object sdkRenderCached() {
        int i = advance();
        return savoir.render(bodies.get(i), contexts.get(i));
    }

    /** Bare commonmark-java. */
    @Benchmark
    public String rawRender() {
        return html.render(parser.parse(bodies.get(advance())));
    }
}
