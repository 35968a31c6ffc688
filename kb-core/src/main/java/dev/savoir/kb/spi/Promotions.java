package dev.savoir.kb.spi;

import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.PromotionRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promotion rules that apply to one search, resolved for a search engine: a block beats any pin or promotion of
 * the same article, pins keep their rule order, the highest boost of an article wins. Every engine resolves rules
 * here, so that they answer alike; visibility is the engine's to enforce (a pin never shows a hidden article).
 *
 * @param rules the rules that match the query, the viewer and the instant
 * @param blocked ids of blocked articles
 * @param promoted score multipliers by article id
 * @param pinned ids of pinned articles, in rule order
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Promotions(List<PromotionRule> rules, Set<String> blocked, Map<String, Float> promoted,
                         List<String> pinned) {
    private static final Logger LOG = LoggerFactory.getLogger(Promotions.class);
    /** No rules. */
    public static final Promotions NONE = new Promotions(List.of(), Set.of(), Map.of(), List.of());

    /**
     * The rules of {@code provider} that apply to {@code query} for {@code viewer} at {@code now}; a provider that
     * throws is logged and counts as no rules, so that a broken rule source never breaks search.
     */
    public static Promotions of(Supplier<List<PromotionRule>> provider, Instant now, String query,
                                ViewerContext viewer) {
        List<PromotionRule> active = active(provider, now, query, viewer);
        if (active.isEmpty()) {
            return NONE;
        }
        Set<String> blocked = new HashSet<>();
        Map<String, Float> promoted = new HashMap<>();
        List<String> pinned = new ArrayList<>();
        for (PromotionRule r : active) {
            if (r.action() == PromotionRule.Action.BLOCK) {
                blocked.add(r.articleId().value());
            }
        }
        for (PromotionRule r : active) {
            String id = r.articleId().value();
            if (blocked.contains(id)) {
                continue;
            }
            if (r.action() == PromotionRule.Action.PIN && !pinned.contains(id)) {
                pinned.add(id);
            } else if (r.action() == PromotionRule.Action.PROMOTE) {
                promoted.merge(id, r.boost(), Math::max);
            }
        }
        return new Promotions(List.copyOf(active), Set.copyOf(blocked), Map.copyOf(promoted), List.copyOf(pinned));
    }

    private static List<PromotionRule> active(Supplier<List<PromotionRule>> provider, Instant now, String query,
                                              ViewerContext viewer) {
        List<PromotionRule> all;
        try {
            all = provider.get();
        } catch (RuntimeException e) {
            LOG.warn("The promotion rule provider failed; searching without rules", e);
            return List.of();
        }
        if (all.isEmpty()) {
            return List.of();
        }
        String norm = QueryNormalizer.normalize(query);
        List<PromotionRule> out = new ArrayList<>();
        for (PromotionRule r : all) {
            boolean matches = r.match() == PromotionRule.Match.EXACT ? r.query().equals(query)
                    : QueryNormalizer.normalize(r.query()).equals(norm);
            if (!matches) {
                continue;
            }
            if (r.locale() != null && (!r.locale().getLanguage().equals(viewer.locale().getLanguage())
                    || (!r.locale().getCountry().isEmpty()
                    && !r.locale().getCountry().equals(viewer.locale().getCountry())))) {
                continue;
            }
            if (r.audience() != null && (r.audience() == PromotionRule.Audience.INTERNAL) != viewer.internal()) {
                continue;
            }
            if ((r.from() != null && now.isBefore(r.from())) || (r.until() != null && !now.isBefore(r.until()))) {
                continue;
            }
            out.add(r);
        }
        return out;
    }
}
