package dev.savoir.kb.imports;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.imports.internal.Attachments;
import dev.savoir.kb.imports.internal.HtmlBodies;
import dev.savoir.kb.imports.internal.ZendeskExport;
import dev.savoir.kb.io.ArchiveImporter;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Imports a Zendesk Guide knowledge base from an export folder: the Help Center API's list responses, each list saved
 * as one file in the API's own shape (when the API paginates, join the pages' arrays into one file).
 *
 * <pre>
 * export/
 *   categories.json                    {"categories": [...]}        GET /api/v2/help_center/categories
 *   sections.json                      {"sections": [...]}          GET /api/v2/help_center/sections
 *   articles.json                      {"articles": [...]}          GET /api/v2/help_center/articles
 *   user_segments.json   (optional)    {"user_segments": [...]}     GET /api/v2/help_center/user_segments
 *   translations/&lt;article id&gt;.json         {"translations": [...]}   GET .../articles/{id}/translations
 *   article_attachments/&lt;article id&gt;.json  {"article_attachments": [...]}  GET .../articles/{id}/attachments
 *   article_attachments/&lt;attachment id&gt;/&lt;file_name&gt;   the downloaded file (as its content_url names it)
 * </pre>
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Ids:</b> the article {@code id} with a prefix ({@code zd-360026053753} by default,
 *       {@link Builder#idPrefix(String)}).</li>
 *   <li><b>Category path:</b> the category's {@code name}, then each section from the top down (sections nest
 *       through {@code parent_section_id}): {@code Billing > Invoices > Refunds}; {@code /} and {@code >} in a
 *       name become {@code -}. An unknown {@code section_id} or category rejects the article.</li>
 *   <li><b>Translations:</b> the article's own fields and every entry of its translations file (which wins for the
 *       same locale) become translations of one article; {@code source_locale} is the source. Locales such as
 *       {@code en-us} become {@code en-US}; one whose language is not an ISO 639 language rejects the article.
 *       Translations marked {@code outdated} are listed in the attribute {@code zendesk.outdated_locales}.</li>
 *   <li><b>States:</b> {@code draft: true} is a draft, {@code draft: false} is published (its
 *       {@code updated_at} the publication time). The states are kept only with
 *       {@link ImportOptions.Builder#keepStates(boolean) keepStates} (the actor must be allowed to publish);
 *       otherwise every translation comes in as a draft.</li>
 *   <li><b>Labels:</b> {@code label_names} become the article's tags.</li>
 *   <li><b>Visibility</b> from {@code user_segment_id}: none (everyone) is {@code public}; a segment whose
 *       {@code user_type} is {@code staff} (agents and managers) is {@code internal}; the built-in signed-in users
 *       segment (or one with no tag, organization or group restriction) is the segment {@code signed-in}; any other
 *       {@code signed_in_users} segment is a segment named after it ({@code VIP customers} is
 *       {@code vip-customers}). A segment missing from {@code user_segments.json} rejects the article. Give viewers
 *       these segments in their {@code ViewerContext}.</li>
 *   <li><b>Other fields:</b> {@code id}, {@code section_id}, {@code html_url}, {@code permission_group_id} and
 *       {@code author_id} are kept as {@code zendesk.*} attributes; {@code vote_sum} and {@code vote_count}
 *       become helpful and not-helpful votes.</li>
 *   <li><b>Bodies</b> are HTML, converted to Markdown (flexmark's html2md converter). With an
 *       {@link Builder#attachments(Path) attachments folder}, images whose {@code src} names one of the article's
 *       attachments ({@code .../article_attachments/<id>/...}) and images embedded as {@code data:} URIs are
 *       written to {@code <folder>/<article id>/<file>} and linked as {@code <urlPrefix><article id>/<file>};
 *       attachments that are not inline are listed as links at the end of every translation. An attachment whose
 *       file is missing from the export rejects the article. Without a folder, attachments keep their Zendesk URL
 *       and embedded images are left out (both listed in {@link ImportReport#skipped()}).</li>
 * </ul>
 *
 * <p>Every article is checked before anything is written; a malformed file (broken JSON, a file missing, a symbolic
 * link) or an invalid article (no title, an unknown locale, section or segment, a missing attachment) refuses the
 * import with an {@link ImportRejectedException} naming the file, the line and the article. Immutable and
 * thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ZendeskFormat {
    /** The default prefix of article ids. */
    public static final String DEFAULT_ID_PREFIX = "zd-";

    private final @Nullable Path attachments;
    private final String urlPrefix;
    private final String idPrefix;
    private final ArticleType type;
    private final long maxFileBytes;
    private final long maxAttachmentBytes;
    private final HtmlBodies html = new HtmlBodies();

    private ZendeskFormat(Builder b) {
        this.attachments = b.s.attachments;
        this.urlPrefix = b.s.urlPrefix;
        this.idPrefix = b.idPrefix;
        this.type = b.s.type;
        this.maxFileBytes = b.s.maxFileBytes;
        this.maxAttachmentBytes = b.s.maxAttachmentBytes;
    }

    /** The format with the defaults: no attachments folder, ids {@code zd-<id>}, type {@code faq}. */
    public static ZendeskFormat create() {
        return builder().build();
    }

    /** Starts configuring the format. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Imports an export folder.
     *
     * @param options batch size, progress, whether states are kept (see the class's mapping)
     * @return what was imported; {@link ImportReport#attachments()} counts the files written to the folder
     * @throws ImportRejectedException if a file is malformed or articles are invalid (each listed); nothing was
     *     written
     */
    public ImportReport importFolder(KnowledgeBase kb, Actor actor, Path folder, ImportOptions options) {
        CrmImportSettings.notNull("kb", kb);
        CrmImportSettings.notNull("actor", actor);
        CrmImportSettings.notNull("folder", folder);
        CrmImportSettings.notNull("options", options);
        Attachments files = new Attachments(attachments, urlPrefix);
        ZendeskExport.Result read = ZendeskExport.read(folder, new ZendeskExport.Settings(idPrefix, type,
                maxFileBytes, maxAttachmentBytes, actor.id()), files, html);
        return ArchiveImporter.importRecords(kb, actor, read.records(), options, read.skipped(), files::write);
    }

    /** Configures a {@link ZendeskFormat}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private final CrmImportSettings s = new CrmImportSettings();
        private String idPrefix = DEFAULT_ID_PREFIX;

        private Builder() {
        }

        /**
         * The host's folder of article files: the import writes images and attachments there (under one folder per
         * article id) after the articles were written. Without it, attachments keep their Zendesk URLs.
         */
        public Builder attachments(Path folder) {
            s.once("attachments");
            s.attachments = CrmImportSettings.notNull("folder", folder);
            return this;
        }

        /**
         * What Markdown links put before {@code <article id>/<file>}: the URL where the host serves the attachments
         * folder (default {@code attachments/}).
         */
        public Builder urlPrefix(String prefix) {
            s.once("urlPrefix");
            s.urlPrefix = CrmImportSettings.urlPrefix(CrmImportSettings.notNull("prefix", prefix));
            return this;
        }

        /** What article ids start with (default {@value #DEFAULT_ID_PREFIX}); may be empty. */
        public Builder idPrefix(String prefix) {
            s.once("idPrefix");
            String p = CrmImportSettings.notNull("prefix", prefix);
            if (!p.isEmpty() && !ArticleId.isValid(p + "1")) {
                throw new InvalidArgumentException("prefix", "must be letters, digits, '.', '_' or '-' starting "
                        + "with a letter or digit, got \"" + p + "\"");
            }
            this.idPrefix = p;
            return this;
        }

        /** The type of every imported article (default {@code faq}). */
        public Builder type(ArticleType type) {
            s.once("type");
            s.type = CrmImportSettings.notNull("type", type);
            return this;
        }

        /** The largest JSON file read, in bytes (default 512 MiB). */
        public Builder maxFileBytes(long bytes) {
            s.once("maxFileBytes");
            s.maxFileBytes = CrmImportSettings.positive("bytes", bytes);
            return this;
        }

        /** The largest attachment file copied, in bytes (default 20 MiB, Zendesk's own limit). */
        public Builder maxAttachmentBytes(long bytes) {
            s.once("maxAttachmentBytes");
            s.maxAttachmentBytes = CrmImportSettings.positive("bytes", bytes);
            return this;
        }

        /** The format; the builder may be used again. */
        public ZendeskFormat build() {
            return new ZendeskFormat(this);
        }
    }
}
