/** The search analytics engine: asynchronous recording, daily logs and rollups, reports. Not exported. */
@NullMarked
package dev.savoir.kb.internal.analytics;

import org.jspecify.annotations.NullMarked;
