package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.Audience;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.TranslationState;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk names of the API enums, spelled out both ways: renaming an enum constant does not change the format
 * (the switches below stop compiling when a constant is added, so a new one gets its name on purpose).
 */
final class Names {
    private Names() {
    }

    static String of(TranslationState s) {
        return switch (s) {
            case DRAFT -> "DRAFT";
            case IN_REVIEW -> "IN_REVIEW";
            case APPROVED -> "APPROVED";
            case SCHEDULED -> "SCHEDULED";
            case PUBLISHED -> "PUBLISHED";
            case ARCHIVED -> "ARCHIVED";
        };
    }

    static @Nullable TranslationState state(String name) {
        return switch (name) {
            case "DRAFT" -> TranslationState.DRAFT;
            case "IN_REVIEW" -> TranslationState.IN_REVIEW;
            case "APPROVED" -> TranslationState.APPROVED;
            case "SCHEDULED" -> TranslationState.SCHEDULED;
            case "PUBLISHED" -> TranslationState.PUBLISHED;
            case "ARCHIVED" -> TranslationState.ARCHIVED;
            default -> null;
        };
    }

    static String of(Audience a) {
        return switch (a) {
            case INTERNAL -> "INTERNAL";
            case PUBLIC -> "PUBLIC";
            case SEGMENTS -> "SEGMENTS";
        };
    }

    static @Nullable Audience audience(String name) {
        return switch (name) {
            case "INTERNAL" -> Audience.INTERNAL;
            case "PUBLIC" -> Audience.PUBLIC;
            case "SEGMENTS" -> Audience.SEGMENTS;
            default -> null;
        };
    }

    static String of(AuditAction a) {
        return switch (a) {
            case CREATED -> "CREATED";
            case EDITED -> "EDITED";
            case METADATA_CHANGED -> "METADATA_CHANGED";
            case TRANSLATION_ADDED -> "TRANSLATION_ADDED";
            case SUBMITTED -> "SUBMITTED";
            case APPROVED -> "APPROVED";
            case CHANGES_REQUESTED -> "CHANGES_REQUESTED";
            case PUBLISHED -> "PUBLISHED";
            case PUBLISH_SCHEDULED -> "PUBLISH_SCHEDULED";
            case UNPUBLISHED -> "UNPUBLISHED";
            case ARCHIVED -> "ARCHIVED";
            case ARCHIVE_SCHEDULED -> "ARCHIVE_SCHEDULED";
            case RESTORED_FROM_ARCHIVE -> "RESTORED_FROM_ARCHIVE";
            case REVISION_RESTORED -> "REVISION_RESTORED";
            case VERIFIED -> "VERIFIED";
            case IMPORTED -> "IMPORTED";
        };
    }

    static @Nullable AuditAction action(String name) {
        return switch (name) {
            case "CREATED" -> AuditAction.CREATED;
            case "EDITED" -> AuditAction.EDITED;
            case "METADATA_CHANGED" -> AuditAction.METADATA_CHANGED;
            case "TRANSLATION_ADDED" -> AuditAction.TRANSLATION_ADDED;
            case "SUBMITTED" -> AuditAction.SUBMITTED;
            case "APPROVED" -> AuditAction.APPROVED;
            case "CHANGES_REQUESTED" -> AuditAction.CHANGES_REQUESTED;
            case "PUBLISHED" -> AuditAction.PUBLISHED;
            case "PUBLISH_SCHEDULED" -> AuditAction.PUBLISH_SCHEDULED;
            case "UNPUBLISHED" -> AuditAction.UNPUBLISHED;
            case "ARCHIVED" -> AuditAction.ARCHIVED;
            case "ARCHIVE_SCHEDULED" -> AuditAction.ARCHIVE_SCHEDULED;
            case "RESTORED_FROM_ARCHIVE" -> AuditAction.RESTORED_FROM_ARCHIVE;
            case "REVISION_RESTORED" -> AuditAction.REVISION_RESTORED;
            case "VERIFIED" -> AuditAction.VERIFIED;
            case "IMPORTED" -> AuditAction.IMPORTED;
            default -> null;
        };
    }
}
