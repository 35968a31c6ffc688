/**
 * Markdown rendering for Savoir articles: {@link dev.savoir.kb.markdown.MarkdownRenderer} implements kb-core's
 * {@code ContentRenderer} on commonmark-java, with GitHub-flavoured tables, strikethrough, autolinks, task lists and
 * alerts, YAML front matter, heading anchors, internal {@code kb:} links and OWASP HTML sanitization.
 *
 * <h2>Internal links</h2>
 * An author links to another article by its id: {@code [Reset your password](kb:reset-password)}. Reference links
 * ({@code [text][ref]} with {@code [ref]: kb:reset-password}) and autolinks ({@code <kb:reset-password>}) work too;
 * {@code kb:reset-password#steps} links to the heading whose anchor is {@code steps}.
 * When a reader may see the target, the link points to the URL the host's {@code LinkResolver} gives for it; when the
 * target does not exist or the reader may not see it, only the link text is rendered: no {@code href}, no title.
 *
 * <h2>Safety</h2>
 * Raw HTML is sanitized by default ({@link dev.savoir.kb.markdown.RawHtml}); link and image destinations go through
 * a scheme allowlist (relative, http, https, mailto, tel; images http and https); nesting, table expansion and body
 * size are bounded, so hostile bodies cost bounded time.
 *
 * <h2>Module note</h2>
 * The module requires {@code owasp.java.html.sanitizer}, a name derived from the jar's file name: the OWASP jar has
 * no {@code Automatic-Module-Name}. It resolves on the module path as long as the jar keeps its Maven file name
 * ({@code owasp-java-html-sanitizer-VERSION.jar}); Maven warns about such modules before publication. If that ever
 * matters more than a real module descriptor, the fallback is to drop {@code module-info.java} and declare
 * {@code Automatic-Module-Name: dev.savoir.kb.markdown} instead.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.markdown;

import org.jspecify.annotations.NullMarked;
