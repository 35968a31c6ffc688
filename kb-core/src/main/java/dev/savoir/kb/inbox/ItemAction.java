package dev.savoir.kb.inbox;

import org.apiguardian.api.API;

/**
 * What an entry of an item's audit trail records.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum ItemAction {
    SUBMITTED,
    ASSIGNED,
    COMMENTED,
    DUE_DATE_SET,
    ACCEPTED,
    DONE,
    REJECTED
}
