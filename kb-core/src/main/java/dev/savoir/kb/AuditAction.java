package dev.savoir.kb;

/**
 * What an audit event records.
 *
 * @since 0.1
 */
public enum AuditAction {
    CREATED,
    EDITED,
    METADATA_CHANGED,
    TRANSLATION_ADDED,
    SUBMITTED,
    APPROVED,
    CHANGES_REQUESTED,
    PUBLISHED,
    PUBLISH_SCHEDULED,
    UNPUBLISHED,
    ARCHIVED,
    ARCHIVE_SCHEDULED,
    RESTORED_FROM_ARCHIVE,
    REVISION_RESTORED,
    VERIFIED,
    IMPORTED
}
