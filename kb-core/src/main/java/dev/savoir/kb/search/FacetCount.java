package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;

/**
 * How many matching articles carry a facet value.
 *
 * @param value the value: a category path ({@code Billing > Invoices}), a tag, a type name or a locale tag
 * @param count the number of matching articles the viewer may see
 * @since 0.1
 */
public record FacetCount(String value, long count) {
    public FacetCount {
        Check.notNull("value", value);
        Check.atLeast("count", count, 0);
    }
}
