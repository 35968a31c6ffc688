/**
 * Markdown rendering for Savoir articles: {@link dev.savoir.kb.markdown.MarkdownRenderer} implements kb-core's
 * {@code ContentRenderer} on commonmark-java, with GitHub-flavoured tables, strikethrough, autolinks, task lists and
 * alerts, YAML front matter, heading anchors, internal {@code kb:} links and OWASP HTML sanitization.
 *
 * <h2>Internal links</h2>
 * An author links to another article by its id: {@code [Reset your password](kb:reset-password)}. Reference links
 * ({@code [text][ref]} with {@code [ref]: kb:reset-password}) and autolinks ({@code <kb:reset-password>}) work too.
 * When a reader may see the target, the link points to the URL the host's {@code LinkResolver} gives for it; when the
 * target does not exist or the reader may not see it, only the link text is rendered: no {@code href}, no title.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.markdown;

import org.jspecify.annotations.NullMarked;
