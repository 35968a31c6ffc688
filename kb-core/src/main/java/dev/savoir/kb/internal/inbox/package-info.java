/** The feedback inbox behind {@link dev.savoir.kb.inbox.Inbox}: routing, transitions, visibility, reports. */
@NullMarked
package dev.savoir.kb.internal.inbox;

import org.jspecify.annotations.NullMarked;
