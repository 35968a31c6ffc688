package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.spi.RenderContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public method, constructor and builder option of kb-markdown refuses a null or out-of-range argument with
 * kb-core's {@link InvalidArgumentException} (a {@link KbException}) whose message names the parameter, never with a
 * bare {@code NullPointerException}, {@code IllegalArgumentException} or {@code IllegalStateException}.
 */
class TypedArgumentErrorsTest {
    static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().cacheMaximumBytes(0).build();
    static final ViewerContext READER = ViewerContext.external(Locale.ENGLISH);
    static final Function<String, Optional<String>> NO_LINKS = id -> Optional.empty();
    static final RenderContext CONTEXT = new RenderContext(ArticleId.of("a"), 1, Locale.ENGLISH, READER, NO_LINKS);
    static final RenderedArticle.Heading HEADING = new RenderedArticle.Heading(1, "Title", "title");
    static final MarkdownDocument DOCUMENT = RENDERER.document("# Title\n\nSome words.");

    /** A call that must fail, the parameter its error must name, and a label "Type.member(...)". */
    record Case(String label, String parameter, ThrowingCallable call) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // MarkdownRenderer
        cases.add(new Case("MarkdownRenderer.analyze(null)", "markdown", () -> RENDERER.analyze(null)));
        cases.add(new Case("MarkdownRenderer.document(null)", "markdown", () -> RENDERER.document(null)));
        cases.add(new Case("MarkdownRenderer.toHtml(null)", "markdown", () -> RENDERER.toHtml(null)));
        cases.add(new Case("MarkdownRenderer.render(null, context)", "markdown",
                () -> RENDERER.render(null, CONTEXT)));
        cases.add(new Case("MarkdownRenderer.render(body, null)", "context", () -> RENDERER.render("x", null)));
        cases.add(new Case("MarkdownRenderer.render(body, context without article id)", "context.articleId",
                () -> RENDERER.render("x", new RenderContext(null, 1, Locale.ENGLISH, READER, NO_LINKS))));
        cases.add(new Case("MarkdownRenderer.render(body, context without link targets)", "context.linkTarget",
                () -> RENDERER.render("x", new RenderContext(ArticleId.of("a"), 1, Locale.ENGLISH, READER, null))));
        // MarkdownRenderer.Builder: nulls and values out of range
        cases.add(new Case("Builder.rawHtml(null)", "rawHtml", () -> MarkdownRenderer.builder().rawHtml(null)));
        cases.add(new Case("Builder.sanitizerPolicy(null)", "sanitizerPolicy",
                () -> MarkdownRenderer.builder().sanitizerPolicy(null)));
        cases.add(new Case("Builder.externalLinkRel(null)", "externalLinkRel",
                () -> MarkdownRenderer.builder().externalLinkRel(null)));
        cases.add(new Case("Builder.externalLinkRel(\"Noopener  x\")", "externalLinkRel",
                () -> MarkdownRenderer.builder().externalLinkRel("Noopener  x")));
        cases.add(new Case("Builder.externalLinkRel(attribute injection)", "externalLinkRel",
                () -> MarkdownRenderer.builder().externalLinkRel("noopener\" onclick=\"x")));
        cases.add(new Case("Builder.cacheMaximumBytes(-1)", "cacheMaximumBytes",
                () -> MarkdownRenderer.builder().cacheMaximumBytes(-1)));
        cases.add(new Case("Builder.cacheMaximumBytes(Long.MIN_VALUE)", "cacheMaximumBytes",
                () -> MarkdownRenderer.builder().cacheMaximumBytes(Long.MIN_VALUE)));
        cases.add(new Case("Builder.maxBodyBytes(0)", "maxBodyBytes", () -> MarkdownRenderer.builder().maxBodyBytes(0)));
        cases.add(new Case("Builder.maxBodyBytes(-1)", "maxBodyBytes",
                () -> MarkdownRenderer.builder().maxBodyBytes(-1)));
        cases.add(new Case("Builder.headingIdPrefix(null)", "headingIdPrefix",
                () -> MarkdownRenderer.builder().headingIdPrefix(null)));
        cases.add(new Case("Builder.headingIdPrefix(\"a b\")", "headingIdPrefix",
                () -> MarkdownRenderer.builder().headingIdPrefix("a b")));
        cases.add(new Case("Builder.headingIdPrefix(21 characters)", "headingIdPrefix",
                () -> MarkdownRenderer.builder().headingIdPrefix("p".repeat(21))));
        cases.add(new Case("Builder.build(policy without sanitizing)", "sanitizerPolicy",
                () -> MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE)
                        .sanitizerPolicy(MarkdownRenderer.defaultSanitizerPolicy()).build()));
        // MarkdownRenderer.Builder: every option set twice
        cases.add(new Case("Builder.autolinkBareUrls(twice)", "autolinkBareUrls",
                () -> MarkdownRenderer.builder().autolinkBareUrls(true).autolinkBareUrls(false)));
        cases.add(new Case("Builder.frontMatter(twice)", "frontMatter",
                () -> MarkdownRenderer.builder().frontMatter(true).frontMatter(true)));
        cases.add(new Case("Builder.rawHtml(twice)", "rawHtml",
                () -> MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE).rawHtml(RawHtml.SANITIZE)));
        cases.add(new Case("Builder.sanitizerPolicy(twice)", "sanitizerPolicy",
                () -> MarkdownRenderer.builder().sanitizerPolicy(MarkdownRenderer.defaultSanitizerPolicy())
                        .sanitizerPolicy(MarkdownRenderer.defaultSanitizerPolicy())));
        cases.add(new Case("Builder.externalLinkRel(twice)", "externalLinkRel",
                () -> MarkdownRenderer.builder().externalLinkRel("").externalLinkRel("noopener")));
        cases.add(new Case("Builder.plainTextIncludesCode(twice)", "plainTextIncludesCode",
                () -> MarkdownRenderer.builder().plainTextIncludesCode(true).plainTextIncludesCode(true)));
        cases.add(new Case("Builder.plainTextIncludesUrls(twice)", "plainTextIncludesUrls",
                () -> MarkdownRenderer.builder().plainTextIncludesUrls(true).plainTextIncludesUrls(true)));
        cases.add(new Case("Builder.cacheMaximumBytes(twice)", "cacheMaximumBytes",
                () -> MarkdownRenderer.builder().cacheMaximumBytes(0).cacheMaximumBytes(1)));
        cases.add(new Case("Builder.maxBodyBytes(twice)", "maxBodyBytes",
                () -> MarkdownRenderer.builder().maxBodyBytes(1).maxBodyBytes(2)));
        cases.add(new Case("Builder.headingIdPrefix(twice)", "headingIdPrefix",
                () -> MarkdownRenderer.builder().headingIdPrefix("kb-").headingIdPrefix("kb-")));
        // MarkdownDocument
        cases.add(new Case("MarkdownDocument.new(null front matter)", "frontMatter",
                () -> new MarkdownDocument(null, "", List.of(), List.of(), List.of())));
        Map<String, List<String>> nullKey = new HashMap<>();
        nullKey.put(null, List.of("x"));
        cases.add(new Case("MarkdownDocument.new(front matter with a null key)", "frontMatter",
                () -> new MarkdownDocument(nullKey, "", List.of(), List.of(), List.of())));
        Map<String, List<String>> nullValue = new HashMap<>();
        nullValue.put("title", null);
        cases.add(new Case("MarkdownDocument.new(front matter with a null value)", "frontMatter[title]",
                () -> new MarkdownDocument(nullValue, "", List.of(), List.of(), List.of())));
        cases.add(new Case("MarkdownDocument.new(front matter with a null element)", "frontMatter[tags]",
                () -> new MarkdownDocument(Map.of("tags", Arrays.asList("a", null)), "", List.of(), List.of(),
                        List.of())));
        cases.add(new Case("MarkdownDocument.new(null plain text)", "plainText",
                () -> new MarkdownDocument(Map.of(), null, List.of(), List.of(), List.of())));
        cases.add(new Case("MarkdownDocument.new(null toc)", "toc",
                () -> new MarkdownDocument(Map.of(), "", null, List.of(), List.of())));
        cases.add(new Case("MarkdownDocument.new(toc with a null heading)", "toc",
                () -> new MarkdownDocument(Map.of(), "", Arrays.asList(HEADING, null), List.of(), List.of())));
        cases.add(new Case("MarkdownDocument.new(null internal links)", "internalLinks",
                () -> new MarkdownDocument(Map.of(), "", List.of(), null, List.of())));
        cases.add(new Case("MarkdownDocument.new(internal links with a null)", "internalLinks",
                () -> new MarkdownDocument(Map.of(), "", List.of(), Arrays.asList((MarkdownDocument.InternalLink) null),
                        List.of())));
        cases.add(new Case("MarkdownDocument.new(null images)", "images",
                () -> new MarkdownDocument(Map.of(), "", List.of(), List.of(), null)));
        cases.add(new Case("MarkdownDocument.new(images with a null)", "images",
                () -> new MarkdownDocument(Map.of(), "", List.of(), List.of(),
                        Arrays.asList((MarkdownDocument.Image) null))));
        cases.add(new Case("MarkdownDocument.excerpt(0)", "maxChars", () -> DOCUMENT.excerpt(0)));
        cases.add(new Case("MarkdownDocument.excerpt(Integer.MIN_VALUE)", "maxChars",
                () -> DOCUMENT.excerpt(Integer.MIN_VALUE)));
        cases.add(new Case("InternalLink.new(null, text)", "target", () -> new MarkdownDocument.InternalLink(null, "t")));
        cases.add(new Case("InternalLink.new(target, null)", "text", () -> new MarkdownDocument.InternalLink("a", null)));
        cases.add(new Case("Image.new(null, alt)", "source", () -> new MarkdownDocument.Image(null, "alt")));
        cases.add(new Case("Image.new(source, null)", "alt", () -> new MarkdownDocument.Image("x.png", null)));
        // RenderCacheStats
        cases.add(new Case("RenderCacheStats.new(-1 hits)", "hits", () -> new RenderCacheStats(-1, 0, 0, 0, 0)));
        cases.add(new Case("RenderCacheStats.new(-1 misses)", "misses", () -> new RenderCacheStats(0, -1, 0, 0, 0)));
        cases.add(new Case("RenderCacheStats.new(-1 evictions)", "evictions",
                () -> new RenderCacheStats(0, 0, -1, 0, 0)));
        cases.add(new Case("RenderCacheStats.new(-1 estimated bytes)", "estimatedBytes",
                () -> new RenderCacheStats(0, 0, 0, -1, 0)));
        cases.add(new Case("RenderCacheStats.new(-1 maximum bytes)", "maximumBytes",
                () -> new RenderCacheStats(0, 0, 0, 0, -1)));
        return cases;
    }

    static Stream<Arguments> refusedArguments() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedArguments")
    void publicEntryPoint_refusedArgument_throwsInvalidArgumentExceptionNamingTheParameter(Case c) {
        assertThatThrownBy(c.call())
                .isInstanceOf(KbException.class)
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(c.parameter());
                    assertThat(e.getMessage()).startsWith(c.parameter() + ": ");
                    assertThat(e.violations()).singleElement()
                            .satisfies(v -> assertThat(v.toString()).contains(c.parameter()));
                });
    }

    @Test
    void refusedArgumentCases_coverEveryPublicMethodAndConstructorThatTakesArguments() {
        Set<String> covered = cases().stream().map(c -> c.label().substring(0, c.label().indexOf('(')))
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Class<?> type : ApiSurfaceTest.API) {
            if (type.isEnum()) {
                continue; // RawHtml: only the compiler's valueOf(String) takes an argument
            }
            List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
            members.addAll(Arrays.asList(type.getDeclaredMethods()));
            for (Executable m : members) {
                boolean takesArguments = m.getParameterCount() > 0 && Modifier.isPublic(m.getModifiers())
                        && !m.isSynthetic() && !m.getName().equals("equals");
                // a builder option that takes any boolean is covered by its "set twice" case
                String name = type.getSimpleName() + "." + (m instanceof Constructor<?> ? "new" : m.getName());
                if (takesArguments && !covered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("public members without a refused-argument case").isEmpty();
    }
}
