package dev.savoir.kb.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionDiff;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Content hashing and revision diffs (java-diff-utils). */
public final class Contents {
    private Contents() {
    }

    /** SHA-256 of the content's fields, hex. */
    public static String hash(ArticleContent c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(c.title(), c.summary(), c.body(), String.join("\u001f", c.tags()))) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The field-by-field and line-by-line difference from {@code a} to {@code b}. */
    public static RevisionDiff diff(Revision a, Revision b) {
        ArticleContent x = a.content();
        ArticleContent y = b.content();
        List<RevisionDiff.FieldChange> fields = new ArrayList<>();
        addIfChanged(fields, "title", x.title(), y.title());
        addIfChanged(fields, "summary", x.summary(), y.summary());
        addIfChanged(fields, "tags", String.join(", ", x.tags()), String.join(", ", y.tags()));
        addIfChanged(fields, "body", x.body(), y.body());
        List<String> before = x.body().lines().toList();
        List<String> after = y.body().lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        List<RevisionDiff.LineChange> lines = new ArrayList<>();
        for (AbstractDelta<String> d : patch.getDeltas()) {
            RevisionDiff.LineChange.Kind kind = switch (d.getType()) {
                case INSERT -> RevisionDiff.LineChange.Kind.INSERT;
                case DELETE -> RevisionDiff.LineChange.Kind.DELETE;
                default -> RevisionDiff.LineChange.Kind.CHANGE;
            };
            if (d.getType() == com.github.difflib.patch.DeltaType.EQUAL) {
                continue;
            }
            lines.add(new RevisionDiff.LineChange(kind, d.getSource().getPosition(), List.copyOf(d.getSource().getLines()),
                    d.getTarget().getPosition(), List.copyOf(d.getTarget().getLines())));
        }
        String unified = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(
                "revision " + a.number(), "revision " + b.number(), before, patch, 3));
        return new RevisionDiff(a.articleId(), a.locale(), a.number(), b.number(), List.copyOf(fields),
                List.copyOf(lines), unified);
    }

    private static void addIfChanged(List<RevisionDiff.FieldChange> out, String field, String before, String after) {
        if (!before.equals(after)) {
            out.add(new RevisionDiff.FieldChange(field, before, after));
        }
    }
}
