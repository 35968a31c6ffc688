package dev.savoir.kb.markdown;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.ContentTooLargeException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.markdown.internal.Alerts;
import dev.savoir.kb.markdown.internal.Analyzer;
import dev.savoir.kb.markdown.internal.Arguments;
import dev.savoir.kb.markdown.internal.Anchors;
import dev.savoir.kb.markdown.internal.DepthGuard;
import dev.savoir.kb.markdown.internal.InlineStack;
import dev.savoir.kb.markdown.internal.RenderCache;
import dev.savoir.kb.markdown.internal.SanitizeRegion;
import dev.savoir.kb.markdown.internal.Sanitizer;
import dev.savoir.kb.markdown.internal.SavoirHtml;
import dev.savoir.kb.markdown.internal.TableGuard;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jspecify.annotations.Nullable;
import org.owasp.html.PolicyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kb-core's content renderer for Markdown bodies: CommonMark with GitHub-flavoured tables, strikethrough, autolinks,
 * task lists and alerts ({@code > [!WARNING]}), YAML front matter, heading anchors, internal links
 * ({@code [Reset your password](kb:reset-password)}) and sanitized HTML.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder()
 *         .inMemory()
 *         .renderer(MarkdownRenderer.create())
 *         .linkResolver((id, locale) -> "/help/" + locale.toLanguageTag() + "/articles/" + id.value())
 *         .build();
 * }</pre>
 *
 * <p>Each body is parsed once per rendering; renderings are cached per article, revision, locale and the way the
 * body's internal links resolve for the reader, bounded by {@linkplain Builder#cacheMaximumBytes bytes}. The options
 * of a renderer are fixed when it is built and its cache belongs to it alone, so they are part of every key.
 *
 * <p>Immutable and thread-safe. Every method refuses a null or out-of-range argument with kb-core's
 * {@link InvalidArgumentException}, which names the parameter (or the builder option).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MarkdownRenderer implements ContentRenderer {
    /** The default {@code rel} of external links. */
    public static final String DEFAULT_EXTERNAL_REL = "noopener noreferrer nofollow";
    /** The default byte bound of the rendering cache: 32 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 32L << 20;
    /** The default body-size limit in UTF-8 bytes: 1 MiB, the knowledge base's own default. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** How deeply block quotes and lists may nest before the rest of a line is read as text. */
    static final int MAX_OPEN_BLOCKS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(MarkdownRenderer.class);
    private static final Pattern REL = Pattern.compile("[a-z]+( [a-z]+)*");
    private static final Pattern HEADING_ID_PREFIX = Pattern.compile("[A-Za-z0-9_-]{0,20}");

    private final RawHtml rawHtml;
    private final PolicyFactory policy;
    private final String externalRel;
    private final boolean plainTextCode;
    private final boolean plainTextUrls;
    private final int maxBodyBytes;
    private final String headingIdPrefix;
    private final Parser parser;
    private final Parser parserWithoutTables;
    private final HtmlRenderer htmlRenderer;
    private final RenderCache cache;

    private MarkdownRenderer(Builder b) {
        this.rawHtml = b.rawHtml;
        this.policy = b.policy != null ? b.policy : Sanitizer.DEFAULT_POLICY;
        this.externalRel = b.externalRel;
        this.plainTextCode = b.plainTextCode;
        this.plainTextUrls = b.plainTextUrls;
        this.maxBodyBytes = b.maxBodyBytes;
        this.headingIdPrefix = b.headingIdPrefix;
        List<Extension> extensions = new ArrayList<>(List.of(TablesExtension.create(),
                StrikethroughExtension.create(), TaskListItemsExtension.create()));
        if (b.autolinkBareUrls) {
            extensions.add(AutolinkExtension.create());
        }
        if (b.frontMatter) {
            extensions.add(YamlFrontMatterExtension.create());
        }
        this.parser = parser(extensions);
        this.parserWithoutTables = parser(extensions.stream().filter(e -> !(e instanceof TablesExtension)).toList());
        this.htmlRenderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(rawHtml == RawHtml.ESCAPE)
                .nodeRendererFactory(new SavoirHtml(rawHtml != RawHtml.TRUSTED_UNSAFE, externalRel, headingIdPrefix))
                .nodeRendererFactory(SavoirHtml.alerts())
                .nodeRendererFactory(SavoirHtml.sanitizeRegions())
                .build();
        this.cache = new RenderCache(b.cacheBytes);
    }

    /** A renderer with the defaults: sanitized raw HTML, {@value #DEFAULT_EXTERNAL_REL}, a 32 MiB cache. */
    public static MarkdownRenderer create() {
        return builder().build();
    }

    /** A builder; each option may be set once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default sanitizer policy, to extend with {@link PolicyFactory#and}. */
    public static PolicyFactory defaultSanitizerPolicy() {
        return Sanitizer.DEFAULT_POLICY;
    }

    /**
     * Plain text, internal links and images of a body.
     *
     * @throws ContentTooLargeException if the body is over the size limit
     * @throws InvalidArgumentException if {@code markdown} is null
     */
    @Override
    public BodyAnalysis analyze(String markdown) {
        checkSize(markdown);
        Analyzer.Result r = Analyzer.analyze(parse(markdown), plainTextCode, plainTextUrls, headingIdPrefix);
        List<BodyAnalysis.InternalLink> links = new ArrayList<>(r.links().size());
        for (String[] l : r.links()) {
            links.add(new BodyAnalysis.InternalLink(l[0], l[1]));
        }
        List<BodyAnalysis.Section> sections = new ArrayList<>(r.sectionStarts().size());
        for (int i = 0; i < r.sectionStarts().size(); i++) {
            RenderedArticle.Heading h = r.toc().get(i);
            sections.add(new BodyAnalysis.Section(h.level(), h.text(), h.anchor(), r.sectionStarts().get(i)));
        }
        return new BodyAnalysis(r.plainText(), links, r.images().stream().map(i -> i[0]).toList(), sections);
    }

    /**
     * Everything one parse of a body gives besides HTML: front matter, plain text, headings, internal links, images,
     * excerpts and reading time.
     *
     * @throws ContentTooLargeException if the body is over the size limit
     * @throws InvalidArgumentException if {@code markdown} is null
     */
    public MarkdownDocument document(String markdown) {
        checkSize(markdown);
        Node doc = parse(markdown);
        Analyzer.Result r = Analyzer.analyze(doc, plainTextCode, plainTextUrls, headingIdPrefix);
        return new MarkdownDocument(r.frontMatter(), r.plainText(), r.toc(),
                r.links().stream().map(l -> new MarkdownDocument.InternalLink(l[0], l[1])).toList(),
                r.images().stream().map(i -> new MarkdownDocument.Image(i[0], i[1])).toList());
    }

    /** The cache of rendered HTML ({@code savoir.render.html}), recording statistics; none without a cache. */
    @Override
    public Map<String, Cache<?, ?>> caches() {
        return cache.caches();
    }

    /**
     * Safe HTML for a reader, from the cache when the same body was rendered for a reader whose internal links
     * resolve the same way. Internal links resolve only through {@link RenderContext#linkTarget}: a link to an
     * article the reader may not see keeps its text and nothing else.
     *
     * @throws ContentTooLargeException if the body is over the size limit
     * @throws InvalidArgumentException if {@code markdown}, {@code context}, its article id or its link target
     *     function is null
     */
    @Override
    public RenderedArticle.Html render(String markdown, RenderContext context) {
        Arguments.notNull("markdown", markdown);
        Arguments.notNull("context", context);
        Arguments.notNull("context.articleId", context.articleId());
        Arguments.notNull("context.linkTarget", context.linkTarget());
        checkSize(markdown);
        Locale locale = context.locale() != null ? context.locale() : Locale.ROOT;
        RenderCache.SourceKey source = new RenderCache.SourceKey(context.articleId().value(), context.revision(),
                locale.toLanguageTag(), markdown.length(), markdown.hashCode());
        if (cache.enabled()) {
            List<String> targets = cache.targets(source);
            if (targets != null) {
                RenderedArticle.Html hit = cache.html(new RenderCache.HtmlKey(source,
                        resolve(targets, context.linkTarget())));
                if (hit != null) {
                    return hit;
                }
            }
        }
        LOG.debug("rendering article {} revision {} [{}]", source.article(), source.revision(), source.locale());
        Rendering r = toHtml(parse(markdown), context.linkTarget(), locale);
        cache.put(new RenderCache.HtmlKey(source, r.links()), r.targets(), r.html());
        return r.html();
    }

    /**
     * Safe HTML of a body outside any article (a preview, an import check): never cached, internal links keep only
     * their text.
     *
     * @throws ContentTooLargeException if the body is over the size limit
     * @throws InvalidArgumentException if {@code markdown} is null
     */
    public String toHtml(String markdown) {
        checkSize(markdown);
        return toHtml(parse(markdown), target -> Optional.empty(), Locale.ROOT).html().html();
    }

    /** Hit and miss counts and size of the rendering cache. */
    public RenderCacheStats cacheStats() {
        return new RenderCacheStats(cache.hits(), cache.misses(), cache.evictions(), cache.estimatedBytes(),
                cache.maximumBytes());
    }

    /** Empties the rendering cache (statistics are kept). */
    public void clearCache() {
        cache.clear();
    }

    private static Parser parser(List<Extension> extensions) {
        return Parser.builder()
                // first, so that no post-processor (autolink's recurses) ever walks a tree deeper than the guard
                .postProcessor(MarkdownRenderer::flatten)
                .extensions(extensions)
                .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
                .postProcessor(Alerts.postProcessor())
                .build();
    }

    /** Parses a body whose size was checked. */
    private Node parse(String markdown) {
        if (TableGuard.tablesAreSafe(markdown)) {
            return InlineStack.parse(markdown, () -> parser.parse(markdown));
        }
        LOG.warn("a body's tables would expand to too many cells; its tables are rendered as text");
        return InlineStack.parse(markdown, () -> parserWithoutTables.parse(markdown));
    }

    private static Node flatten(Node document) {
        if (DepthGuard.flatten(document)) {
            LOG.warn("a body nests deeper than {} levels; the deepest part is rendered as plain text",
                    DepthGuard.MAX_DEPTH);
        }
        return document;
    }

    /** A rendering, with the internal link targets of the body and how they resolved. */
    private record Rendering(RenderedArticle.Html html, List<String> targets, Map<String, Optional<String>> links) {
    }

    /** Renders a freshly parsed document (it is modified: internal links are resolved in place). */
    private Rendering toHtml(Node doc, Function<String, Optional<String>> linkTarget, Locale locale) {
        List<Node> rawHtmlNodes = new ArrayList<>();
        List<Link> internal = new ArrayList<>();
        List<Heading> headings = new ArrayList<>();
        walk(doc, n -> {
            switch (n) {
                case Link l when l.getDestination().startsWith(Analyzer.KB_SCHEME) -> internal.add(l);
                case HtmlInline h -> rawHtmlNodes.add(h);
                case HtmlBlock h -> rawHtmlNodes.add(h);
                case Alerts.Alert a -> a.localize(locale);
                case Heading h -> headings.add(h);
                default -> {
                }
            }
        });
        Set<String> targets = new LinkedHashSet<>();
        for (Link l : internal) {
            targets.add(Analyzer.target(l.getDestination()));
        }
        Map<String, Optional<String>> links = resolve(List.copyOf(targets), linkTarget);
        for (Link l : internal) {
            Optional<String> url = links.get(Analyzer.target(l.getDestination()));
            if (url != null && url.isPresent()) {
                l.setDestination(url.get() + Analyzer.fragment(l.getDestination()));
            } else {
                Node child = l.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    l.insertBefore(child);
                    child = next;
                }
                l.unlink();
            }
        }
        boolean sanitize = rawHtml == RawHtml.SANITIZE && !rawHtmlNodes.isEmpty();
        if (sanitize) {
            SanitizeRegion.mark(SanitizeRegion.topLevel(rawHtmlNodes.getFirst(), doc),
                    SanitizeRegion.topLevel(rawHtmlNodes.getLast(), doc));
        }
        String html = htmlRenderer.render(doc);
        if (sanitize) {
            int start = html.indexOf(SanitizeRegion.START);
            int end = html.lastIndexOf(SanitizeRegion.END);
            html = html.substring(0, start)
                    + Sanitizer.sanitize(html.substring(start + SanitizeRegion.START.length(), end), policy,
                    externalRel)
                    + html.substring(end + SanitizeRegion.END.length());
        }
        Anchors anchors = new Anchors(headingIdPrefix);
        List<RenderedArticle.Heading> toc = new ArrayList<>(headings.size());
        for (Heading h : headings) {
            String text = Analyzer.textOf(h);
            toc.add(new RenderedArticle.Heading(h.getLevel(), text, anchors.next(text)));
        }
        return new Rendering(new RenderedArticle.Html(html, toc), List.copyOf(targets), links);
    }

    private static Map<String, Optional<String>> resolve(List<String> targets,
                                                          Function<String, Optional<String>> linkTarget) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        Map<String, Optional<String>> resolved = new HashMap<>();
        for (String t : targets) {
            Optional<String> url = linkTarget.apply(t);
            resolved.put(t, url == null ? Optional.empty() : url);
        }
        return Map.copyOf(resolved);
    }

    private static void walk(Node doc, Consumer<Node> action) {
        Analyzer.forEach(doc, action);
    }

    private void checkSize(String markdown) {
        Arguments.notNull("markdown", markdown);
        if ((long) markdown.length() * 3 <= maxBodyBytes) {
            return;
        }
        long bytes = 0;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < markdown.length()
                    && Character.isLowSurrogate(markdown.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        if (bytes > maxBodyBytes) {
            throw new ContentTooLargeException("body", bytes, maxBodyBytes,
                    "split the article, or raise maxBodyBytes on the MarkdownRenderer builder");
        }
    }

    @Override
    public String toString() {
        return "MarkdownRenderer{rawHtml=" + rawHtml + ", externalRel=" + externalRel + ", cacheBytes="
                + cache.maximumBytes() + ", maxBodyBytes=" + maxBodyBytes + "}";
    }

    /**
     * Builds a {@link MarkdownRenderer}. Each option may be set once; {@link #build()} may be called several times and
     * leaves the builder as it was. Not thread-safe. A refused option, or one set twice, fails at once with an
     * {@link InvalidArgumentException} whose {@linkplain InvalidArgumentException#parameter() parameter} is the
     * option's name.
     *
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public static final class Builder {
        private final Set<String> set = new HashSet<>();
        private RawHtml rawHtml = RawHtml.SANITIZE;
        private @Nullable PolicyFactory policy;
        private String externalRel = DEFAULT_EXTERNAL_REL;
        private boolean plainTextCode;
        private boolean plainTextUrls;
        private long cacheBytes = DEFAULT_CACHE_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private String headingIdPrefix = "";
        private boolean autolinkBareUrls = true;
        private boolean frontMatter = true;

        private Builder() {
        }

        /**
         * Whether bare URLs and e-mail addresses in text become links, as on GitHub (default true). Standard
         * CommonMark links only {@code <https://...>}.
         */
        public Builder autolinkBareUrls(boolean autolink) {
            once("autolinkBareUrls");
            this.autolinkBareUrls = autolink;
            return this;
        }

        /**
         * Whether a body opening with a {@code ---} line, YAML lines and a closing {@code ---} line has front matter
         * (default true): it is read as metadata ({@link MarkdownDocument#frontMatter()}) and not rendered. Standard
         * CommonMark reads such an opening as a thematic break and a heading.
         */
        public Builder frontMatter(boolean frontMatter) {
            once("frontMatter");
            this.frontMatter = frontMatter;
            return this;
        }

        /** What happens to HTML written in Markdown (default {@link RawHtml#SANITIZE}). */
        public Builder rawHtml(RawHtml rawHtml) {
            once("rawHtml");
            this.rawHtml = Arguments.notNull("rawHtml", rawHtml);
            return this;
        }

        /**
         * The OWASP sanitizer policy for raw HTML, replacing {@link #defaultSanitizerPolicy()}; it must allow the
         * elements Markdown renders to, so start from the default: {@code defaultSanitizerPolicy().and(extra)}.
         * Only with {@link RawHtml#SANITIZE}.
         */
        public Builder sanitizerPolicy(PolicyFactory sanitizerPolicy) {
            once("sanitizerPolicy");
            this.policy = Arguments.notNull("sanitizerPolicy", sanitizerPolicy);
            return this;
        }

        /**
         * The {@code rel} attribute of links to other sites (default {@value #DEFAULT_EXTERNAL_REL}); empty for
         * none. Lower-case words separated by single spaces.
         */
        public Builder externalLinkRel(String externalLinkRel) {
            once("externalLinkRel");
            Arguments.notNull("externalLinkRel", externalLinkRel);
            if (!externalLinkRel.isEmpty() && !REL.matcher(externalLinkRel).matches()) {
                throw new InvalidArgumentException("externalLinkRel", "must be lower-case words separated by single "
                        + "spaces, e.g. \"noopener noreferrer\", or empty; got \"" + externalLinkRel + "\"");
            }
            this.externalRel = externalLinkRel;
            return this;
        }

        /** Whether the plain text for indexing includes code blocks (default false; inline code is always in). */
        public Builder plainTextIncludesCode(boolean include) {
            once("plainTextIncludesCode");
            this.plainTextCode = include;
            return this;
        }

        /** Whether the plain text includes the URLs of external links and autolinks (default false). */
        public Builder plainTextIncludesUrls(boolean include) {
            once("plainTextIncludesUrls");
            this.plainTextUrls = include;
            return this;
        }

        /** The bound of the rendering cache in estimated bytes (default 32 MiB); 0 disables the cache. */
        public Builder cacheMaximumBytes(long cacheMaximumBytes) {
            once("cacheMaximumBytes");
            if (cacheMaximumBytes < 0) {
                throw new InvalidArgumentException("cacheMaximumBytes", "must be 0 (no cache) or more, got "
                        + cacheMaximumBytes);
            }
            this.cacheBytes = cacheMaximumBytes;
            return this;
        }

        /**
         * The largest body, in UTF-8 bytes, the renderer accepts (default 1 MiB); larger bodies fail with
         * {@link ContentTooLargeException}. Keep it at least the knowledge base's own limit.
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            once("maxBodyBytes");
            if (maxBodyBytes < 1) {
                throw new InvalidArgumentException("maxBodyBytes", "must be positive, got " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * A prefix for heading ids (default none), e.g. {@code "kb-"} when the host page has ids of its own that
         * headings must not clash with.
         */
        public Builder headingIdPrefix(String headingIdPrefix) {
            once("headingIdPrefix");
            Arguments.notNull("headingIdPrefix", headingIdPrefix);
            if (!HEADING_ID_PREFIX.matcher(headingIdPrefix).matches()) {
                throw new InvalidArgumentException("headingIdPrefix", "must be at most 20 letters, digits, '_' or "
                        + "'-', got \"" + headingIdPrefix + "\"");
            }
            this.headingIdPrefix = headingIdPrefix;
            return this;
        }

        /**
         * A new renderer with these options.
         *
         * @throws InvalidArgumentException naming {@code sanitizerPolicy} if a sanitizer policy is set but raw HTML
         *     is not sanitized
         */
        public MarkdownRenderer build() {
            if (policy != null && rawHtml != RawHtml.SANITIZE) {
                throw new InvalidArgumentException("sanitizerPolicy", "only applies with rawHtml(RawHtml.SANITIZE), "
                        + "but rawHtml is " + rawHtml + ": remove one of the two");
            }
            return new MarkdownRenderer(this);
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw Arguments.setTwice(option);
            }
        }
    }
}
