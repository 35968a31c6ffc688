package dev.savoir.kb.lucene.internal.assist;

import java.util.regex.Pattern;

/**
 * Cleans a support ticket before agent assist reads it: the first {@value #MAX_TICKET_CHARS} characters, cut at the
 * first quoted-reply header or signature marker, without quoted lines, greeting and closing lines, e-mail addresses,
 * URLs, the labels of order and ticket references, and tokens holding a digit (order numbers, dates, phone
 * numbers). Linear in the text's length.
 */
public final class TicketCleaner {
    static final int MAX_TICKET_CHARS = 20_000;

    private static final Pattern REPLY_HEADER = Pattern.compile(
            "(?im)^\\s*(on .{0,200}wrote:|le .{0,200}a écrit\\s*:|-{2,}\\s*original message\\s*-{2,}|from:\\s.*|de\\s?:\\s.*"
                    + "|envoyé\\s?:\\s.*|sent:\\s.*)\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^--\\s*$");
    private static final Pattern NOISE_LINE = Pattern.compile("(?i)^\\s*(hi|hello|hey|dear|good (morning|afternoon)"
            + "|bonjour|bonsoir|salut|madame|monsieur|thanks?( you)?|many thanks|merci|regards|best|best regards"
            + "|kind regards|cheers|cordialement|bien (à vous|cordialement)|sincerely|sent from my)\\b.{0,60}$");
    /**
     * The label of an order, ticket, case or invoice reference ({@code Order number LUM-2026-48213},
     * {@code ticket #4411}, {@code ref: A-17}, {@code numéro de commande 88}), when a token holding a digit follows:
     * the reference itself goes with the other tokens holding a digit, and its label would otherwise match articles
     * about orders.
     */
    private static final Pattern REFERENCE_LABEL = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:"
            + "(?:order|ticket|case|invoice|reference|tracking|customer)\\s+(?:number|no\\.?|nr\\.?|n°|#|id)"
            + "|ref\\.?|n°|num[ée]ro\\s+de\\s+(?:commande|ticket|dossier|facture|client|suivi)"
            + "|(?:commande|facture|dossier)\\s+(?:n°|no\\.?|num[ée]ro))(?!\\p{L})"
            + "(?:\\s+is)?\\s*[:#]?(?=\\s*[^\\s\\d]{0,40}\\d)");
    /** Regex whitespace ({@code \\s}): tokens are the runs between these characters. */
    private static final String TICKET_SPACE = " \t\n\u000B\f\r";

    /** The ticket text without quoted replies, signature, greetings, addresses, URLs and numbers. */
    public static String clean(String text) {
        String t = text.length() > MAX_TICKET_CHARS ? text.substring(0, MAX_TICKET_CHARS) : text;
        var m = REPLY_HEADER.matcher(t);
        if (m.find()) {
            t = t.substring(0, m.start());
        }
        var sig = SIGNATURE.matcher(t);
        if (sig.find()) {
            t = t.substring(0, sig.start());
        }
        StringBuilder sb = new StringBuilder();
        for (String line : t.split("\\R")) {
            if (line.stripLeading().startsWith(">") || NOISE_LINE.matcher(line).matches()) {
                continue;
            }
            appendWithoutNoiseTokens(sb, REFERENCE_LABEL.matcher(line).replaceAll(" "));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Appends the line with e-mail addresses, URLs and tokens holding a digit replaced by a space: what the regex
     * {@code \\S+@\\S+|https?://\\S+|www\\.\\S+|\\S*\\d\\S*} replaced, in one linear pass (the regex backtracked
     * quadratically on a long token without a match: 20,000 characters took seconds).
     */
    private static void appendWithoutNoiseTokens(StringBuilder sb, String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (TICKET_SPACE.indexOf(c) >= 0) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && TICKET_SPACE.indexOf(line.charAt(j)) < 0) {
                j++;
            }
            String token = line.substring(i, j);
            int at = token.indexOf('@', 1);
            if ((at > 0 && at < token.length() - 1) || token.chars().anyMatch(ch -> ch >= '0' && ch <= '9')) {
                sb.append(' ');
            } else {
                int url = urlStart(token);
                if (url >= 0) {
                    sb.append(token, 0, url).append(' ');
                } else {
                    sb.append(token);
                }
            }
            i = j;
        }
    }

    /** Where {@code https?://\\S+} or {@code www\\.\\S+} first matches in a token, or -1. */
    private static int urlStart(String token) {
        int best = -1;
        for (String prefix : new String[] {"http://", "https://", "www."}) {
            int from = 0;
            while (true) {
                int k = token.indexOf(prefix, from);
                if (k < 0) {
                    break;
                }
                if (k + prefix.length() < token.length()) {
                    best = best < 0 ? k : Math.min(best, k);
                    break;
                }
                from = k + 1;
            }
        }
        return best;
    }

    private TicketCleaner() {
    }
}
