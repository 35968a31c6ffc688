package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Locales;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the public facade of a knowledge base on disk (file store, Lucene, Markdown): jqwik-generated
 * queries, article ids, locale tags, Markdown bodies (raw HTML, script URLs, pathological nesting, front matter) and
 * article metadata. Every input gets a result or a {@link KbException} subclass within a time bound; no other
 * exception escapes; a refused write leaves the store unchanged (size and last change); rendered HTML never carries
 * script. The default run tries {@value #DEFAULT_PER_KIND} inputs of each kind, {@code -Dsavoir.full=true}
 * {@value #FULL_PER_KIND}.
 */
class HostileInputTest {
    static final int DEFAULT_PER_KIND = 300;
    static final int FULL_PER_KIND = 5_000;
    private static final int PER_KIND = Boolean.getBoolean("savoir.full") ? FULL_PER_KIND : DEFAULT_PER_KIND;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Actor ADMIN = Actor.of("hostile-admin", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static final ViewerContext AGENT = ViewerContext.internal(Locale.ENGLISH);
    /** Every call of every test, for the suite's output line. */
    private static final Outcomes ALL = new Outcomes();
    /** The calls of the running test: asserted after it, from the counts. */
    private static Outcomes current = new Outcomes();

    @TempDir
    static Path dir;
    private static KnowledgeBase kb;
    private static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void open() {
        kb = KnowledgeBase.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false).schedulerInterval(Duration.ZERO).build();
        kb.create(ADMIN, NewArticle.builder("known").category("Help > General").visibility(Visibility.PUBLIC)
                .title("Reset your password").body("Open **Settings** and choose *Reset*.").build());
        kb.publish(ADMIN, ArticleId.of("known"), Locale.ENGLISH, 1);
        kb.refresh();
    }

    @AfterAll
    static void close() {
        kb.close();
        ALL.shutdown();
        System.out.printf("HOSTILE %s%n", ALL.figures());
        ALL.assertNoUntypedErrorsNorTimeouts("HostileInputTest");
        assertThat(ALL.count(Outcomes.Kind.SAFE)).as("safe results").isPositive();
        assertThat(ALL.count(Outcomes.Kind.TYPED)).as("typed refusals").isPositive();
    }

    @BeforeEach
    void countThisTest() {
        current = new Outcomes();
    }

    /** Every test ends here: no untyped exception and no timeout among the calls it counted. */
    @AfterEach
    void noUntypedErrorNorTimeout(TestInfo test) {
        current.endTest(ALL, "HOSTILE", test);
    }

    // ------------------------------------------------------------------ generators

    private static final String LUCENE_SYNTAX = "+-&|!(){}[]^\"~*?:\\/ ";

    private static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().withChars(LUCENE_SYNTAX + "aZé中0").ofMaxLength(200)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("AND", "OR", "NOT", "*", "?", "~", "title:", "\"", "(",
                        ")", "a*b?c", "/regex.*/", "[a TO z]", "{* TO *}", "password~2", "\\", "\u0000", "\uFFFF",
                        "\uD800", "🙂", "&#x3C;script&#x3E;").list().ofMaxSize(40).map(l -> String.join(" ", l))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of("a", "(", "[", "\"", "*", "é", "x~"),
                        Arbitraries.integers().between(100, 20_000)).as((s, n) -> s.repeat(n))));
    }

    private static Arbitrary<String> hostileMarkdown() {
        Arbitrary<String> pieces = Arbitraries.of(
                "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))", "![i](data:text/html;base64,PHNjcmlwdD4=)",
                "<a href=\"javascript:alert(1)\">a</a>", "<iframe src=//evil></iframe>", "<svg onload=alert(1)>",
                "<style>*{}</style>", "[a](kb:known)", "[a](kb:missing)", "<kb:known>", "[a](kb:\"onmouseover=x)",
                "[a](kb:../../etc/passwd)", "---\ntitle: <script>x</script>\ntags: [a, b\n---\n", "---\n: :\n---\n",
                "> ", "* ", "1. ", "```", "~~~", "| a | b |\n|---|---|\n| <b>x</b> | y |", "# ", "[^1]", "&#0;",
                "\u0000", "\r", "\n\n", "\t", "<!--", "-->", "<![CDATA[", "]]>", "**", "__", "`", "\\", "[", "](",
                "<div style=\"background:url(javascript:alert(1))\">", "<form action=x><input></form>");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.oneOf(pieces, Arbitraries.strings().all().ofMaxLength(40))
                        .list().ofMaxSize(60).map(l -> String.join("", l))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(">", "*", "[", "- ", "`", "<b>", "_",
                        "![", "(", "|"), Arbitraries.integers().between(500, 50_000)).as((s, n) -> s.repeat(n)
                        + "x")));
    }

    // ------------------------------------------------------------------ harness

    /**
     * Runs an action on hostile input within the bound and counts how it ended (safe result, typed error, untyped
     * exception, timeout); a typed refusal must say what happened and leave the store unchanged.
     */
    private static <T> Optional<T> attempt(String what, Object input, Supplier<T> action) {
        int size = kb.size();
        long last = kb.lastChange();
        Outcomes.Outcome<T> o = current.run(what, describe(input), BOUND, action);
        if (o.kind() == Outcomes.Kind.TYPED) {
            assertThat(o.error().getMessage()).as("%s: a typed error says what happened", what).isNotBlank();
            assertThat(kb.size()).as("%s refused %s but wrote", what, describe(input)).isEqualTo(size);
            assertThat(kb.lastChange()).as("%s refused %s but wrote", what, describe(input)).isEqualTo(last);
        }
        return o.safe() ? Optional.ofNullable(o.value()) : Optional.empty();
    }

    private static String describe(Object input) {
        String s = String.valueOf(input);
        s = s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c)
                : Character.toString(c)));
        return sb.toString();
    }

    // ------------------------------------------------------------------ properties

    @Test
    void queries_anyText_giveResultsOrTypedErrors_neverLeakOrHang() {
        hostileText().sampleStream().limit(PER_KIND).forEach(q -> {
            attempt("search", q, () -> kb.search(CUSTOMER, SearchRequest.builder(q).limit(10)
                    .facets(SearchRequest.Facet.values()).build()));
            attempt("search for agents", q, () -> kb.search(AGENT, SearchRequest.of(q)));
            attempt("autocomplete", q, () -> kb.autocomplete(CUSTOMER, q, 10));
            attempt("agent assist", q, () -> kb.suggestForTicket(AGENT, q, q, 5));
        });
    }

    @Test
    void safeHtmlOracle_flagsScriptCapableMarkup_acceptsInertText() {
        for (String unsafe : List.of("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"&#106;avascript:x\">",
                "<img src=x onerror=alert(1)>", "<script>x</script>", "<a HREF=' JaVaScRiPt:x'>",
                "<div style=\"background:url(javascript:x)\">", "<iframe src=x>")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSafeHtml(unsafe, unsafe))
                    .as(unsafe).isInstanceOf(AssertionError.class);
        }
        assertSafeHtml("<p>&lt;script&gt; javascript:alert(1)</p><code class=\"language-javascript:x\">onload=</code>"
                + "<a href=\"/help/x\" rel=\"nofollow\">x</a>", "inert");
    }

    @Test
    void limits_anyNumber_areRefusedTypedOrHonoured() {
        Arbitraries.integers().between(-1_000, 1_000).sampleStream().limit(Math.min(PER_KIND, 400)).forEach(n -> {
            attempt("autocomplete limit", n, () -> kb.autocomplete(CUSTOMER, "res", n));
            attempt("related limit", n, () -> kb.related(CUSTOMER, ArticleId.of("known"), n));
            attempt("assist limit", n, () -> kb.suggestForTicket(AGENT, "reset", "password", n));
            attempt("search limit", n, () -> kb.search(CUSTOMER, SearchRequest.builder("reset").limit(n)
                    .offset(Math.abs(n) * 13).build()));
        });
    }

    @Test
    void articleIds_anyText_areRefusedTypedOrResolveSafely() {
        hostileText().sampleStream().limit(PER_KIND).forEach(raw -> {
            Optional<ArticleId> id = attempt("ArticleId.of", raw, () -> ArticleId.of(raw));
            assertThat(ArticleId.isValid(raw)).isEqualTo(id.isPresent());
            id.ifPresent(a -> {
                attempt("read", a, () -> kb.read(CUSTOMER, a));
                attempt("render", a, () -> kb.render(CUSTOMER, a));
                attempt("related", a, () -> kb.related(CUSTOMER, a, 5));
                attempt("article", a, () -> kb.article(ADMIN, a));
                attempt("edit", a, () -> kb.edit(ADMIN, a, Locale.ENGLISH, 1, ArticleContent.of("t", "b"), ""));
                attempt("publish", a, () -> kb.publish(ADMIN, a, Locale.ENGLISH, 7));
            });
            attempt("create with id", raw, () -> kb.create(ADMIN, NewArticle.builder(raw).category("Help")
                    .title("Hostile id").body("body").build()));
        });
    }

    @Test
    void localeTags_anyText_areRefusedTypedOrUsableEverywhere() {
        Arbitrary<String> tags = Arbitraries.oneOf(hostileText(), Arbitraries.of("en", "fr-CA", "zh-Hant-TW",
                "x-private", "i-klingon", "en-US-u-ca-buddhist", "und", "sr-Latn-RS", "de-DE-1996", "en_US", "EN",
                "-", "", "en--US", "a".repeat(9), "qaa", "root"));
        tags.sampleStream().limit(PER_KIND).forEach(tag -> {
            Optional<Locale> locale = attempt("Locales.parse", tag, () -> Locales.parse(tag));
            locale.ifPresent(l -> {
                attempt("search in locale", l, () -> kb.search(ViewerContext.external(l), SearchRequest.of("reset")));
                attempt("read in locale", l, () -> kb.read(ViewerContext.external(l), ArticleId.of("known")));
                String id = "loc-" + IDS.incrementAndGet();
                attempt("create in locale", l, () -> kb.create(ADMIN, NewArticle.builder(id).category("Help")
                        .locale(l).title("Localized").body("Body").build()));
            });
            attempt("create with locale tag", tag, () -> kb.create(ADMIN, NewArticle.builder("tag-"
                    + IDS.incrementAndGet()).category("Help").locale(tag).title("Tagged").body("Body").build()));
        });
    }

    @Test
    void markdownBodies_anyText_storeRenderAndIndexSafely() {
        MarkdownRenderer direct = MarkdownRenderer.create();
        hostileMarkdown().sampleStream().limit(PER_KIND).forEach(body -> {
            String id = "md-" + IDS.incrementAndGet();
            Optional<?> created = attempt("create with body", body, () -> kb.create(ADMIN, NewArticle.builder(id)
                    .category("Help > Hostile").visibility(Visibility.PUBLIC).title("Hostile " + id).body(body)
                    .build()));
            if (created.isPresent()) {
                attempt("publish", body, () -> kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1));
                Optional<Optional<RenderedArticle>> rendered = attempt("render", body,
                        () -> kb.render(CUSTOMER, ArticleId.of(id)));
                rendered.flatMap(r -> r).ifPresent(r -> assertSafeHtml(r.html().html(), body));
            }
            attempt("analyze", body, () -> direct.analyze(body));
            attempt("document", body, () -> direct.document(body));
        });
    }

    @Test
    void metadata_anyText_isRefusedTypedOrStoredSafely() {
        Arbitrary<List<String>> fields = hostileText().list().ofSize(5);
        fields.sampleStream().limit(PER_KIND).forEach(f -> {
            String id = "meta-" + IDS.incrementAndGet();
            attempt("create with metadata", f, () -> kb.create(ADMIN, NewArticle.builder(id).category(f.get(0))
                    .title(f.get(1)).summary(f.get(2)).tags(f.get(3)).attribute(f.get(4), f.get(1)).owner(f.get(2))
                    .body("Body").build()));
            attempt("search filtered", f, () -> kb.search(CUSTOMER, SearchRequest.builder("body")
                    .category(f.get(0)).tags(f.get(3)).attribute(f.get(4), f.get(1)).build()));
        });
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[a-zA-Z/!?][^>]*>?");
    private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);?");
    private static final java.util.regex.Pattern BAD_TAG = java.util.regex.Pattern.compile(
            "</?(script|iframe|style|form|input|object|embed|svg|math|base|link|meta|frame|frameset)\\b.*");
    private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile(
            "([^\\s\"'>/=]+)\\s*(?:=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "background",
            "poster", "cite", "data", "xlink:href", "srcset", "lowsrc", "dynsrc");

    /**
     * Text is escaped by the sanitizer, so only tags can carry script: no script-capable element, no event handler
     * attribute, no script or HTML-document URL in a URL attribute, no script in a style.
     */
    private static void assertSafeHtml(String html, String body) {
        java.util.regex.Matcher m = TAG.matcher(html);
        while (m.find()) {
            String tag = m.group();
            String lower = tag.toLowerCase(Locale.ROOT);
            boolean bad = BAD_TAG.matcher(lower).matches();
            int nameEnd = 1;
            while (nameEnd < tag.length() && !Character.isWhitespace(tag.charAt(nameEnd)) && tag.charAt(nameEnd) != '>') {
                nameEnd++;
            }
            java.util.regex.Matcher a = ATTRIBUTE.matcher(tag.substring(nameEnd, tag.length()));
            while (a.find() && !bad) {
                String name = a.group(1).toLowerCase(Locale.ROOT);
                String value = a.group(2) == null ? "" : decodeEntities(a.group(2)).toLowerCase(Locale.ROOT)
                        .replaceAll("[\\u0000-\\u0020\"']+", "");
                bad = name.startsWith("on")
                        || (URL_ATTRIBUTES.contains(name) && (value.startsWith("javascript:")
                        || value.startsWith("vbscript:") || value.startsWith("data:text/html")))
                        || (name.equals("style") && (value.contains("javascript:") || value.contains("expression(")));
            }
            if (bad) {
                throw new AssertionError("rendered HTML holds an unsafe tag " + describe(tag) + "\n from body "
                        + describe(body));
            }
        }
    }

    private static String decodeEntities(String s) {
        java.util.regex.Matcher m = ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int cp;
            try {
                cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                cp = '?';
            }
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(Character.isValidCodePoint(cp)
                    ? Character.toString(cp) : "?"));
        }
        m.appendTail(sb);
        return sb.toString().replace("&colon;", ":").replace("&tab;", "").replace("&newline;", "");
    }
}
