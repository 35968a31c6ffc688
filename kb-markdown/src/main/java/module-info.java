/**
 * Savoir's Markdown renderer: CommonMark and GitHub-flavoured Markdown to sanitized HTML, plain text for indexing,
 * tables of contents and internal-link checks, behind kb-core's {@code ContentRenderer} SPI.
 *
 * <p>{@code owasp.java.html.sanitizer} is an automatic module whose name is derived from its file name (the jar has
 * no {@code Automatic-Module-Name}); it is required transitively because
 * {@link dev.savoir.kb.markdown.MarkdownRenderer.Builder#sanitizerPolicy} takes its {@code PolicyFactory}.
 * Implementation packages ({@code dev.savoir.kb.markdown.internal}) are not exported.
 */
module dev.savoir.kb.markdown {
    requires transitive dev.savoir.kb.core;
    requires transitive owasp.java.html.sanitizer;
    requires org.commonmark;
    requires org.commonmark.ext.gfm.tables;
    requires org.commonmark.ext.gfm.strikethrough;
    requires org.commonmark.ext.autolink;
    requires org.commonmark.ext.task.list.items;
    requires org.commonmark.ext.front.matter;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.savoir.kb.markdown;
}
