package dev.savoir.kb;

import dev.savoir.kb.policy.PermissionPolicy;

/**
 * What an actor asks to do; the subject of {@link PermissionPolicy} decisions and audit events.
 *
 * @since 0.1
 */
public enum Action {
    CREATE("create"),
    EDIT("edit"),
    UPDATE_METADATA("change the metadata of"),
    ADD_TRANSLATION("add a translation to"),
    SUBMIT("submit for review"),
    APPROVE("approve"),
    REQUEST_CHANGES("request changes on"),
    PUBLISH("publish"),
    SCHEDULE_PUBLISH("schedule the publication of"),
    UNPUBLISH("unpublish"),
    ARCHIVE("archive"),
    SCHEDULE_ARCHIVE("schedule the archiving of"),
    RESTORE_FROM_ARCHIVE("restore from archive"),
    RESTORE_REVISION("restore a revision of"),
    VERIFY("verify"),
    READ_DRAFTS("read drafts of"),
    /** Record that a support ticket was resolved with an article (since 0.2). */
    LINK_TICKET("link a ticket to"),
    /** Flag an article or suggest an edit to it in the feedback inbox (since 0.3). */
    FLAG("flag or suggest an edit to"),
    /** Acknowledge having read a revision of an article of a learning path (since 0.3). */
    ACKNOWLEDGE("acknowledge having read"),
    /** Create, change or delete learning paths and teams (since 0.3); the article is null. */
    MANAGE_LEARNING("manage learning paths with"),
    /** Approve, edit, reject or withdraw learned synonyms and corrections of search (since 0.3). */
    MANAGE_SEARCH_VOCABULARY("manage the learned search vocabulary"),
    /** Read the KPI report (since 0.3). */
    READ_KPI_REPORT("read the KPI report");

    private final String verb;

    Action(String verb) {
        this.verb = verb;
    }

    /** The action as a verb phrase, for messages. */
    public String verb() {
        return verb;
    }
}
