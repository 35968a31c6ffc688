package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.KnowledgeBaseBuilder;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic generator of customer-service knowledge bases: the same seed and size always give the same
 * articles, the same query sets and the same tickets.
 *
 * <p>Articles are FAQs, how-tos, troubleshooting guides, response scripts and glossary entries about a fictional
 * product line, in English and French, with Markdown bodies (headings, lists, tables, code), categories, tags, a mix
 * of visibilities (public, internal, customer segments), states (published, published with a pending draft, draft
 * only) and French translations of part of the English articles. Vocabulary follows a long tail: a few hundred
 * customer-service words shared by many articles, and thousands of product, feature and error names shared by few.
 *
 * @since 0.1
 */
public final class KbGenerator {
    /** The default seed. */
    public static final long DEFAULT_SEED = 20261123L;
    /** The file written in a generated knowledge base's folder, naming its size and seed. */
    public static final String MARKER = "savoir-bench.properties";
    /** The segments articles may be restricted to. */
    public static final List<String> SEGMENTS = List.of("enterprise", "premium", "partners", "education");
    /** The instant every generated article was created at (fixed, so the KB is the same every time). */
    public static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");

    static final String[] EN_OBJECTS = {"password", "account", "invoice", "refund", "subscription", "order",
        "delivery", "payment", "card", "email", "profile", "plan", "license", "device", "app", "browser",
        "notification", "report", "export", "import", "integration", "webhook", "token", "workspace", "team",
        "user", "role", "permission", "calendar", "contact", "ticket", "chat", "phone number", "address", "coupon",
        "discount", "trial", "backup", "sync", "storage", "upload", "download", "attachment", "signature",
        "language", "timezone", "currency", "tax", "receipt", "shipment", "return label", "warranty", "battery",
        "firmware", "printer", "scanner", "router", "vpn", "single sign-on", "two-factor authentication",
        "security key", "api key", "dashboard", "widget", "template", "form", "survey", "campaign", "newsletter",
        "mailbox", "folder", "archive", "audit log", "session", "cookie", "cache", "password manager"};
    static final String[] EN_ACTIONS = {"reset", "change", "cancel", "update", "delete", "create", "restore",
        "transfer", "verify", "enable", "disable", "configure", "connect", "disconnect", "renew", "upgrade",
        "downgrade", "track", "download", "share", "merge", "recover", "unlock", "set up", "troubleshoot"};
    static final String[] EN_PROBLEMS = {"not working", "is missing", "failed", "was declined", "is locked",
        "keeps crashing", "is slow", "shows an error", "was charged twice", "never arrived", "is expired",
        "cannot be found", "is out of sync", "is stuck", "does not load"};
    static final String[] EN_FILLER = {"please", "make sure", "before", "after", "then", "first", "you can",
        "click", "select", "open", "settings", "menu", "page", "button", "link", "screen", "option", "field",
        "save", "confirm", "wait", "minutes", "hours", "days", "again", "customer", "support", "agent", "help",
        "center", "knowledge", "article", "step", "instructions", "note", "warning", "tip", "contact us",
        "administrator", "owner", "billing", "security", "privacy", "data", "policy", "terms", "request",
        "status", "history", "details", "information", "message", "code", "number", "date", "time", "amount",
        "balance", "credit", "bank", "transaction", "pending", "approved", "rejected", "available", "required",
        "optional", "automatically", "manually", "immediately", "within", "business", "working", "mobile",
        "desktop", "web", "version", "latest", "previous", "new", "old", "correct", "wrong", "valid", "invalid"};
    static final String[] FR_OBJECTS = {"mot de passe", "compte", "facture", "remboursement", "abonnement",
        "commande", "livraison", "paiement", "carte", "courriel", "profil", "forfait", "licence", "appareil",
        "application", "navigateur", "notification", "rapport", "exportation", "importation", "intégration",
        "jeton", "espace de travail", "équipe", "utilisateur", "rôle", "autorisation", "agenda", "contact",
        "ticket", "numéro de téléphone", "adresse", "bon de réduction", "remise", "essai", "sauvegarde",
        "synchronisation", "stockage", "pièce jointe", "signature", "langue", "fuseau horaire", "devise", "taxe",
        "reçu", "expédition", "étiquette de retour", "garantie", "batterie", "imprimante", "routeur",
        "authentification à deux facteurs", "clé de sécurité", "clé d'API", "tableau de bord", "modèle",
        "formulaire", "enquête", "campagne", "lettre d'information", "boîte aux lettres", "dossier", "archive",
        "journal d'audit", "session", "cache"};
    static final String[] FR_ACTIONS = {"réinitialiser", "modifier", "annuler", "mettre à jour", "supprimer",
        "créer", "restaurer", "transférer", "vérifier", "activer", "désactiver", "configurer", "connecter",
        "déconnecter", "renouveler", "suivre", "télécharger", "partager", "fusionner", "récupérer",
        "déverrouiller", "dépanner"};
    static final String[] FR_PROBLEMS = {"ne fonctionne pas", "est introuvable", "a échoué", "a été refusé",
        "est bloqué", "plante sans cesse", "est lent", "affiche une erreur", "a été débité deux fois",
        "n'est jamais arrivé", "a expiré", "n'est pas synchronisé", "ne se charge pas"};
    static final String[] FR_FILLER = {"veuillez", "assurez-vous", "avant", "après", "ensuite", "d'abord",
        "vous pouvez", "cliquez", "sélectionnez", "ouvrez", "paramètres", "menu", "page", "bouton", "lien",
        "écran", "option", "champ", "enregistrez", "confirmez", "attendez", "minutes", "heures", "jours",
        "client", "assistance", "conseiller", "aide", "centre", "article", "étape", "consignes", "remarque",
        "avertissement", "conseil", "administrateur", "propriétaire", "facturation", "sécurité", "confidentialité",
        "données", "politique", "conditions", "demande", "statut", "historique", "détails", "message", "code",
        "numéro", "date", "montant", "solde", "crédit", "banque", "transaction", "en attente", "approuvé",
        "refusé", "disponible", "obligatoire", "automatiquement", "manuellement", "immédiatement", "mobile",
        "ordinateur", "version", "dernière", "nouvelle", "ancienne", "valide", "invalide"};
    static final String[] CATEGORIES = {"billing", "billing/invoices", "billing/refunds", "billing/payments",
        "account", "account/security", "account/profile", "orders", "orders/shipping", "orders/returns",
        "products", "products/devices", "products/apps", "integrations", "integrations/api", "admin",
        "admin/users", "admin/permissions", "troubleshooting", "troubleshooting/connectivity"};
    static final ArticleType[] TYPES = {ArticleType.FAQ, ArticleType.HOW_TO, ArticleType.TROUBLESHOOTING,
        ArticleType.RESPONSE_SCRIPT, ArticleType.GLOSSARY};
    private static final String[] SYLLABLES = {"ka", "zen", "tri", "lo", "vex", "mar", "qui", "sol", "dra", "nex",
        "pol", "ur", "fin", "tas", "bel", "cor", "div", "ox", "ly", "mon", "sar", "pix", "tor", "ven"};

    private final long seed;
    private final String[] products;
    private final String[] features;

    /** A generator for a seed. */
    public KbGenerator(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        this.products = new String[400];
        for (int i = 0; i < products.length; i++) {
            products[i] = name(r, 2 + r.nextInt(2));
        }
        this.features = new String[4000];
        for (int i = 0; i < features.length; i++) {
            features[i] = name(r, 3 + r.nextInt(2));
        }
    }

    private static String name(SplittableRandom r, int syllables) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The id of the article number {@code i}. */
    public static String id(int i) {
        return "kb-" + i;
    }

    /** A Zipf-like pick in [0, n): small indexes are much more frequent. */
    private static int zipf(SplittableRandom r, int n) {
        double u = r.nextDouble();
        return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, u) - 1));
    }

    private static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    private record Topic(int object, int action, int problem, String product, String feature, boolean french) {
    }

    private Topic topic(SplittableRandom r, boolean french) {
        String[] objects = french ? FR_OBJECTS : EN_OBJECTS;
        return new Topic(zipf(r, objects.length), r.nextInt(french ? FR_ACTIONS.length : EN_ACTIONS.length),
                r.nextInt(french ? FR_PROBLEMS.length : EN_PROBLEMS.length), products[zipf(r, products.length)],
                features[zipf(r, features.length)], french);
    }

    private String title(Topic t, ArticleType type) {
        String object = (t.french ? FR_OBJECTS : EN_OBJECTS)[t.object];
        String action = (t.french ? FR_ACTIONS : EN_ACTIONS)[t.action % (t.french ? FR_ACTIONS.length
                : EN_ACTIONS.length)];
        String problem = (t.french ? FR_PROBLEMS : EN_PROBLEMS)[t.problem % (t.french ? FR_PROBLEMS.length
                : EN_PROBLEMS.length)];
        String product = cap(t.product);
        if (t.french) {
            return switch (type.name()) {
                case "how-to" -> "Comment " + action + " votre " + object + " dans " + product;
                case "troubleshooting" -> "Votre " + object + " " + problem + " dans " + product;
                case "response-script" -> "Réponse type : " + object + " " + problem;
                case "glossary" -> cap(object) + " (" + t.feature + ")";
                default -> "Puis-je " + action + " mon " + object + " " + product + " ?";
            };
        }
        return switch (type.name()) {
            case "how-to" -> "How to " + action + " your " + object + " in " + product;
            case "troubleshooting" -> cap(object) + " " + problem + " in " + product;
            case "response-script" -> "Response script: " + object + " " + problem;
            case "glossary" -> cap(object) + " (" + t.feature + ")";
            default -> "Can I " + action + " my " + product + " " + object + "?";
        };
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String sentence(SplittableRandom r, Topic t) {
        boolean fr = t.french;
        String[] filler = fr ? FR_FILLER : EN_FILLER;
        String[] objects = fr ? FR_OBJECTS : EN_OBJECTS;
        StringBuilder sb = new StringBuilder();
        int words = 8 + r.nextInt(10);
        for (int i = 0; i < words; i++) {
            int k = r.nextInt(20);
            String w;
            if (k < 3) {
                w = objects[t.object];
            } else if (k < 5) {
                w = objects[zipf(r, objects.length)];
            } else if (k == 5) {
                w = cap(t.product);
            } else if (k == 6) {
                w = t.feature;
            } else if (k == 7) {
                w = features[zipf(r, features.length)];
            } else {
                w = filler[zipf(r, filler.length)];
            }
            sb.append(i == 0 ? cap(w) : w).append(i + 1 < words ? " " : ".");
        }
        return sb.toString();
    }

    private String body(SplittableRandom r, Topic t, String title) {
        boolean fr = t.french;
        StringBuilder b = new StringBuilder(2048);
        b.append(sentence(r, t)).append(' ').append(sentence(r, t)).append("\n\n");
        b.append("## ").append(fr ? "Avant de commencer" : "Before you start").append("\n\n");
        for (int i = 0; i < 3; i++) {
            b.append("- ").append(sentence(r, t)).append('\n');
        }
        b.append("\n## ").append(fr ? "Étapes" : "Steps").append("\n\n");
        int steps = 3 + r.nextInt(4);
        for (int i = 1; i <= steps; i++) {
            b.append(i).append(". ").append(sentence(r, t));
            if (r.nextInt(4) == 0) {
                b.append(" **").append(fr ? "Important" : "Important").append("**");
            }
            b.append('\n');
        }
        if (r.nextInt(3) == 0) {
            b.append("\n| ").append(fr ? "Forfait" : "Plan").append(" | ").append(fr ? "Limite" : "Limit")
                    .append(" | ").append(fr ? "Délai" : "Delay").append(" |\n|---|---|---|\n");
            for (int i = 0; i < 3; i++) {
                b.append("| ").append(cap(products[zipf(r, products.length)])).append(" | ")
                        .append(1 + r.nextInt(500)).append(" | ").append(1 + r.nextInt(72)).append(" h |\n");
            }
        }
        if (r.nextInt(4) == 0) {
            b.append("\n```json\n{\"").append(t.feature).append("\": ").append(r.nextInt(10_000))
                    .append(", \"error\": \"E-").append(1000 + r.nextInt(9000)).append("\"}\n```\n");
        }
        b.append("\n## ").append(fr ? "Si le problème persiste" : "If the problem persists").append("\n\n");
        b.append(sentence(r, t)).append(' ').append(sentence(r, t)).append(' ')
                .append(fr ? "Consultez aussi " : "See also ").append("[").append(title).append("](")
                .append("https://help.example.com/").append(t.feature).append(").\n");
        return b.toString();
    }

    /**
     * Article number {@code i} with its revisions, ready for {@link KnowledgeBase#importArchives}: most are
     * published; about 8% are drafts only, about 5% have a newer draft over their published revision; a third of
     * the English articles have a published French translation.
     */
    public ArticleArchive archive(int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        boolean french = r.nextInt(5) == 0;
        Locale source = french ? Locale.FRENCH : Locale.ENGLISH;
        ArticleType type = TYPES[r.nextInt(TYPES.length)];
        Topic t = topic(r, french);
        String title = title(t, type);
        String summary = sentence(r, t);
        String body = body(r, t, title);
        String category = CATEGORIES[zipf(r, CATEGORIES.length)];
        Set<String> tags = new LinkedHashSet<>();
        tags.add((french ? FR_OBJECTS : EN_OBJECTS)[t.object].replace(' ', '-').replace('\'', '-'));
        tags.add(t.product);
        if (r.nextBoolean()) {
            tags.add(EN_OBJECTS[zipf(r, EN_OBJECTS.length)].replace(' ', '-'));
        }
        int v = r.nextInt(10);
        Visibility visibility = v < 6 ? Visibility.PUBLIC : v < 8 ? Visibility.INTERNAL
                : Visibility.segments(SEGMENTS.get(r.nextInt(SEGMENTS.size())));
        int s = r.nextInt(100);
        boolean draftOnly = s < 8;
        boolean pendingDraft = s >= 8 && s < 13;
        Instant created = EPOCH.plus(Duration.ofMinutes(i % 400_000));
        ArticleId id = ArticleId.of(id(i));
        Map<Locale, Translation> translations = new LinkedHashMap<>();
        Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
        ArticleContent content = new ArticleContent(title, summary, body, List.of());
        List<Revision> sourceRevs = new ArrayList<>();
        sourceRevs.add(revision(id, source, 1, content, created));
        if (pendingDraft) {
            sourceRevs.add(revision(id, source, 2, content.withSummary(sentence(r, t)), created.plusSeconds(60)));
        }
        translations.put(source, translation(source, sourceRevs.size(), draftOnly ? null : 1, null, created));
        revisions.put(source, sourceRevs);
        if (!french && !draftOnly && r.nextInt(3) == 0) {
            Topic ft = new Topic(Math.min(t.object, FR_OBJECTS.length - 1), t.action, t.problem, t.product,
                    t.feature, true);
            String ftitle = title(ft, type);
            ArticleContent fc = new ArticleContent(ftitle, sentence(r, ft), body(r, ft, ftitle), List.of());
            translations.put(Locale.FRENCH, translation(Locale.FRENCH, 1, 1, 1, created.plusSeconds(120)));
            revisions.put(Locale.FRENCH, List.of(revision(id, Locale.FRENCH, 1, fc, created.plusSeconds(120))));
        }
        Article a = new Article(id, 1, CategoryPath.parse(category), type, "team-" + (i % 17), tags, Map.of(),
                visibility, source, null, null, null, null, created, created, translations);
        AuditEvent e = new AuditEvent(created, "generator", id, source, AuditAction.CREATED, null,
                TranslationState.DRAFT, 1, "");
        return new ArticleArchive(a, revisions, List.of(e), FeedbackSummary.EMPTY);
    }

    private static Revision revision(ArticleId id, Locale l, int n, ArticleContent c, Instant at) {
        return new Revision(id, l, n, c, "generator", at, "", hash(c), null);
    }

    /** SHA-256 of the content's fields, hex, as the store computes it. */
    private static String hash(ArticleContent c) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : List.of(c.title(), c.summary(), c.body(), String.join("\u001f", c.tags()))) {
                md.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Published when its latest revision is the published one; a draft (still serving the published one) else. */
    private static Translation translation(Locale l, int latest, Integer published, Integer from, Instant at) {
        TranslationState state = published != null && published == latest ? TranslationState.PUBLISHED
                : TranslationState.DRAFT;
        return new Translation(l, state, latest, published, from, null, null, null, published == null ? null : at,
                at);
    }

    /** The Markdown body of article {@code i}'s source translation. */
    public String body(int i) {
        ArticleArchive a = archive(i);
        return a.revisions().get(a.article().sourceLocale()).getFirst().content().body();
    }

    // ------------------------------------------------------------------ queries

    /** Short queries (1 to 3 words) of the given language. */
    public List<String> shortQueries(int count, boolean french) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x51L ^ (french ? 7 : 0));
        List<String> out = new ArrayList<>(count);
        String[] objects = french ? FR_OBJECTS : EN_OBJECTS;
        String[] actions = french ? FR_ACTIONS : EN_ACTIONS;
        for (int i = 0; i < count; i++) {
            out.add(switch (i % 3) {
                case 0 -> objects[zipf(r, objects.length)];
                case 1 -> pick(r, actions) + " " + objects[zipf(r, objects.length)];
                default -> objects[zipf(r, objects.length)] + " " + products[zipf(r, products.length)];
            });
        }
        return out;
    }

    /** One-word queries. */
    public List<String> oneWordQueries(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x11L);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String w = r.nextInt(3) == 0 ? products[zipf(r, products.length)] : EN_OBJECTS[zipf(r, 40)];
            out.add(w.contains(" ") ? w.substring(0, w.indexOf(' ')) : w);
        }
        return out;
    }

    /** Three-word queries. */
    public List<String> threeWordQueries(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x33L);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(pick(r, EN_ACTIONS) + " " + EN_OBJECTS[zipf(r, EN_OBJECTS.length)] + " "
                    + products[zipf(r, products.length)]);
        }
        return out;
    }

    /** Quoted phrase queries. */
    public List<String> phraseQueries(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x77L);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(switch (i % 2) {
                case 0 -> "\"" + pick(r, EN_ACTIONS) + " your " + EN_OBJECTS[zipf(r, EN_OBJECTS.length)] + "\"";
                default -> "\"" + EN_OBJECTS[zipf(r, EN_OBJECTS.length)] + " " + pick(r, EN_PROBLEMS) + "\"";
            });
        }
        return out;
    }

    /** Queries with one typo (a letter dropped, doubled or swapped) in a word of 5 letters or more. */
    public List<String> typoQueries(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x99L);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            String w = r.nextBoolean() ? products[zipf(r, products.length)] : features[zipf(r, 400)];
            if (w.length() < 5) {
                w = EN_OBJECTS[zipf(r, EN_OBJECTS.length)];
                if (w.length() < 5 || w.contains(" ")) {
                    continue;
                }
            }
            int p = 1 + r.nextInt(w.length() - 2);
            String typo = switch (r.nextInt(3)) {
                case 0 -> w.substring(0, p) + w.substring(p + 1);
                case 1 -> w.substring(0, p) + w.charAt(p) + w.substring(p);
                default -> w.substring(0, p) + w.charAt(p + 1) + w.charAt(p) + w.substring(p + 2);
            };
            out.add(r.nextBoolean() ? typo : EN_OBJECTS[zipf(r, 20)] + " " + typo);
        }
        return out;
    }

    /** Autocomplete prefixes (what a user has typed so far). */
    public List<String> prefixes(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xACL);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String t = r.nextBoolean() ? "how to " + pick(r, EN_ACTIONS) : EN_OBJECTS[zipf(r, EN_OBJECTS.length)];
            int cut = Math.max(2, Math.min(t.length(), 3 + r.nextInt(Math.max(1, t.length() - 2))));
            out.add(t.substring(0, cut));
        }
        return out;
    }

    /** A support ticket: subject and a description of about 300 words, with greeting, quoted reply and signature. */
    public record Ticket(String subject, String description) {
    }

    /** Tickets for agent assist. */
    public List<Ticket> tickets(int count) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x7CL);
        List<Ticket> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean fr = r.nextInt(5) == 0;
            Topic t = topic(r, fr);
            String object = (fr ? FR_OBJECTS : EN_OBJECTS)[t.object];
            String problem = (fr ? FR_PROBLEMS : EN_PROBLEMS)[t.problem % (fr ? FR_PROBLEMS.length
                    : EN_PROBLEMS.length)];
            String subject = cap(object) + " " + problem + " (" + cap(t.product) + ")";
            StringBuilder d = new StringBuilder(2400);
            d.append(fr ? "Bonjour,\n\n" : "Hello,\n\n");
            int words = 0;
            while (words < 260) {
                String s = sentence(r, t);
                d.append(s).append(' ');
                words += s.split(" ").length;
                if (r.nextInt(5) == 0) {
                    d.append(fr ? "Ma commande n° " : "My order #").append(100_000 + r.nextInt(900_000)).append(". ");
                    words += 3;
                }
            }
            d.append("\n\n").append(fr ? "Merci d'avance,\nCamille\n--\nEnvoyé depuis mon téléphone"
                    : "Thanks in advance,\nAlex\n--\nSent from my phone");
            d.append("\n\n").append(fr ? "Le 3 mars, Support a écrit :" : "On Mar 3, Support wrote:")
                    .append("\n> ").append(sentence(r, t));
            out.add(new Ticket(subject, d.toString()));
        }
        return out;
    }

    // ------------------------------------------------------------------ building

    /** The actor that imports generated articles. */
    public static Actor importer() {
        return Actor.of("generator", Role.ADMIN, Role.PUBLISHER, Role.AUTHOR);
    }

    /** A knowledge base builder with Lucene search and the Markdown renderer, publishing without review. */
    public static KnowledgeBaseBuilder kbBuilder(Path folder) {
        return KnowledgeBase.builder().directory(folder).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false);
    }

    /**
     * Imports articles {@code from} (inclusive) to {@code to} (exclusive) into a knowledge base, in batches.
     *
     * @return the number of articles imported
     */
    public int importInto(KnowledgeBase kb, int from, int to, int batch) {
        int done = 0;
        for (int start = from; start < to; start += batch) {
            int end = Math.min(to, start + batch);
            List<ArticleArchive> archives = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                archives.add(archive(i));
            }
            done += kb.importArchives(importer(), archives, true);
        }
        return done;
    }

    /** What {@link #ensure} found or did. */
    public record Built(Path folder, int docs, boolean reused, long importNanos) {
        /** Imported articles per second, or 0 when the knowledge base was reused. */
        public double docsPerSecond() {
            return reused || importNanos == 0 ? 0 : docs * 1e9 / importNanos;
        }
    }

    /**
     * Makes sure {@code folder} holds the generated knowledge base of {@code docs} articles of this seed: reuses it
     * when its marker says so, else wipes the folder and builds it (import, refresh, close).
     */
    public Built ensure(Path folder, int docs) {
        String marker = "docs=" + docs + "\nseed=" + seed + "\nversion=1\n";
        Path m = folder.resolve(MARKER);
        try {
            if (Files.exists(m) && Files.readString(m).equals(marker)) {
                return new Built(folder, docs, true, 0);
            }
            if (Files.exists(folder)) {
                try (var walk = Files.walk(folder)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        if (!p.equals(folder)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(folder);
            long t0 = System.nanoTime();
            try (KnowledgeBase kb = kbBuilder(folder).build()) {
                importInto(kb, 0, docs, 2_000);
                kb.refresh();
            }
            long took = System.nanoTime() - t0;
            Files.writeString(m, marker);
            return new Built(folder, docs, false, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
