package dev.savoir.kb.internal.privacy;

import dev.savoir.kb.spi.QueryNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text that looks like personal data in what a reader typed, and masks it. The one place these rules live:
 * analytics masks queries with it before they are written, and popular-query suggestions skip every query in which
 * it finds anything.
 *
 * <p>What counts, each replaced by its placeholder:
 * <ul>
 *   <li>{@code <url>}: a URL ({@code http://}, {@code https://} or {@code www.}) whose query or fragment has a
 *       parameter whose name holds {@code token}, {@code key}, {@code session}, {@code sid}, {@code auth},
 *       {@code code}, {@code pass}, {@code pwd}, {@code secret}, {@code sig} or {@code jwt};</li>
 *   <li>{@code <email>}: an e-mail address;</li>
 *   <li>{@code <account>}: an IBAN-like account number: two letters, two check digits, then 11 to 30 letters and
 *       digits (at least 8 of them digits), written in one piece or in groups of four;</li>
 *   <li>{@code <card>}: 13 to 19 digits, possibly grouped by single spaces or dashes, that pass the Luhn check;</li>
 *   <li>{@code <phone>}: an international number ({@code +33 6 12 34 56 78}), an area code in parentheses
 *       ({@code (555) 123-4567}), or two to six groups of digits with one kind of separator and 8 to 15 digits in
 *       all ({@code 06 12 34 56 78}, {@code 555-123-4567}), dates excepted, or a local {@code 123-4567};</li>
 *   <li>{@code <number>}: a run of {@value #LONG_DIGITS} or more digits standing alone (not glued to letters, so an
 *       error code like {@code 0x80070005} stays), or digit groups of 13 or more digits in all that are not a card
 *       number. An order number like {@code 4471}, a year or a postal code of five digits stays.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class PersonalData {
    /** The shortest run of digits taken for personal data (an account, a customer or a phone number). */
    public static final int LONG_DIGITS = 6;

    private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)[^\\s<>\"]+");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)[?#&;][^=&#\\s]*(?:token|key|session|sid|auth|code|pass|pwd|secret|sig|jwt)[^=&#\\s]*=");
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
    private static final Pattern IBAN = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])[a-z]{2}\\d{2}(?:[a-z0-9]{11,30}"
            + "|(?: [a-z0-9]{4}){2,7}(?: [a-z0-9]{1,4})?)(?![\\p{L}\\p{N}])");
    private static final Pattern DIGIT_GROUPS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d+(?:[ -]\\d+)*(?![\\p{L}\\p{N}])");
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![\\p{L}\\p{N}+])\\+\\d[\\d .()-]*\\d(?![\\p{L}\\p{N}])");
    private static final Pattern AREA_CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\(\\d{2,4}\\)[ .-]?\\d{2,4}[ .-]?\\d{2,4}(?![\\p{L}\\p{N}])");
    private static final Pattern GROUPED = Pattern.compile(
            "(?<![\\p{L}\\p{N}.])\\d{2,4}([ .-])\\d{2,4}(?:\\1\\d{2,4}){0,4}(?![\\p{L}\\p{N}]|\\.\\d)");
    private static final Pattern LOCAL = Pattern.compile("(?<![\\p{L}\\p{N}-])\\d{3}-\\d{4}(?![\\p{L}\\p{N}]|-\\d)");
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}([-./])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./])\\d{1,2}\\2\\d{2,4}");
    private static final Pattern LONG_RUN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{" + LONG_DIGITS + ",}(?![\\p{L}\\p{N}])");

    /** One kind of personal data found, and where. */
    private record Span(int start, int end, String placeholder) {
    }

    private PersonalData() {
    }

    /** Whether {@code text} holds anything that looks like personal data. */
    public static boolean containsAny(String text) {
        return !find(text).isEmpty();
    }

    /** {@code text} with each piece of personal data replaced by its placeholder ({@code <email>}, ...). */
    public static String mask(String text) {
        List<Span> spans = find(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span s : spans) {
            out.append(text, at, s.start()).append(s.placeholder());
            at = s.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The {@link QueryNormalizer normalized} form of {@code text} with its personal data masked: each stretch between
     * two pieces of personal data is normalized on its own and the placeholders kept between them, so that
     * {@code "Invoice for jane.doe@example.com"} becomes {@code "invoice for <email>"}, never
     * {@code "invoice for jane doe example com"}. At most {@link QueryNormalizer#MAX_CHARS} characters.
     */
    public static String maskAndNormalize(String text) {
        String cut = text.length() > 4 * QueryNormalizer.MAX_CHARS ? text.substring(0, 4 * QueryNormalizer.MAX_CHARS)
                : text;
        List<Span> spans = find(cut);
        if (spans.isEmpty()) {
            return QueryNormalizer.normalize(cut);
        }
        List<String> parts = new ArrayList<>();
        int at = 0;
        for (Span s : spans) {
            addIfNotEmpty(parts, QueryNormalizer.normalize(cut.substring(at, s.start())));
            parts.add(s.placeholder());
            at = s.end();
        }
        addIfNotEmpty(parts, QueryNormalizer.normalize(cut.substring(at)));
        String joined = String.join(" ", parts);
        return joined.length() > QueryNormalizer.MAX_CHARS ? joined.substring(0, QueryNormalizer.MAX_CHARS).strip()
                : joined;
    }

    private static void addIfNotEmpty(List<String> parts, String part) {
        if (!part.isEmpty()) {
            parts.add(part);
        }
    }

    /** Every piece of personal data in {@code text}, in order, none overlapping (earlier rules win). */
    private static List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher url = URL.matcher(text);
        while (url.find()) {
            if (SECRET_PARAM.matcher(url.group()).find()) {
                add(spans, url.start(), url.end(), "<url>");
            }
        }
        addAll(spans, EMAIL.matcher(text), "<email>");
        Matcher iban = IBAN.matcher(text);
        while (iban.find()) {
            String compact = iban.group().replace(" ", "");
            if (compact.length() >= 15 && compact.length() <= 34 && digits(compact) >= 8) {
                add(spans, iban.start(), iban.end(), "<account>");
            }
        }
        Matcher groups = DIGIT_GROUPS.matcher(text);
        while (groups.find()) {
            String compact = groups.group().replaceAll("[ -]", "");
            if (compact.length() >= 13 && compact.length() <= 19 && luhn(compact)) {
                add(spans, groups.start(), groups.end(), "<card>");
            } else if (compact.length() >= 13) {
                add(spans, groups.start(), groups.end(), "<number>");
            }
        }
        Matcher intl = INTERNATIONAL.matcher(text);
        while (intl.find()) {
            int d = digits(intl.group());
            if (d >= 8 && d <= 15) {
                add(spans, intl.start(), intl.end(), "<phone>");
            }
        }
        addAll(spans, AREA_CODE.matcher(text), "<phone>");
        Matcher grouped = GROUPED.matcher(text);
        while (grouped.find()) {
            int d = digits(grouped.group());
            if (d >= 8 && d <= 15 && !DATE.matcher(grouped.group()).matches()) {
                add(spans, grouped.start(), grouped.end(), "<phone>");
            }
        }
        addAll(spans, LOCAL.matcher(text), "<phone>");
        addAll(spans, LONG_RUN.matcher(text), "<number>");
        spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return spans;
    }

    private static void addAll(List<Span> spans, Matcher m, String placeholder) {
        while (m.find()) {
            add(spans, m.start(), m.end(), placeholder);
        }
    }

    /** Adds a span unless it overlaps one found by an earlier rule. */
    private static void add(List<Span> spans, int start, int end, String placeholder) {
        for (Span s : spans) {
            if (start < s.end() && s.start() < end) {
                return;
            }
        }
        spans.add(new Span(start, end, placeholder));
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Whether a string of ASCII digits passes the Luhn check of card numbers. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
