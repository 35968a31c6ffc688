package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of another format version is refused with a typed error that says what to do, without touching the folder;
 * a record of the current format with a field the format does not define is refused as corrupted.
 */
class StoreFormatVersionTest {
    @TempDir
    Path dir;

    private Path goldenCopy(Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : List.of(FileArticleStore.LOG_FILE, FileArticleStore.CHECKPOINT_FILE)) {
            try (InputStream in = getClass().getResourceAsStream("/golden/store-format-1/" + file)) {
                Files.copy(in, target.resolve(file));
            }
        }
        return target;
    }

    private static void claimFormat(Path store, int format) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(store.resolve(FileArticleStore.LOG_FILE).toFile(), "rw")) {
            f.seek(FileArticleStore.MAGIC.length);
            f.writeInt(format);
        }
    }

    /** Every file of the folder with its bytes, to prove that a refusal changed nothing. */
    private static Map<String, List<Byte>> snapshot(Path folder) throws IOException {
        Map<String, List<Byte>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                List<Byte> bytes = new java.util.ArrayList<>(b.length);
                for (byte x : b) {
                    bytes.add(x);
                }
                out.put(folder.relativize(p).toString(), bytes);
            }
        }
        return out;
    }

    @Test
    void newerFormat_isRefusedWithBothVersionsAndWhatToDo_folderUntouched() throws IOException {
        Path store = goldenCopy(dir.resolve("store"));
        claimFormat(store, 99);
        var before = snapshot(store);
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOfSatisfying(StoreFormatException.class, e -> {
                    assertThat(e.foundFormat()).isEqualTo(99);
                    assertThat(e.supportedFormat()).isEqualTo(1);
                })
                .hasMessageContaining("written by a newer Savoir (store format 99)")
                .hasMessageContaining("reads store format 1 only")
                .hasMessageContaining("upgrade Savoir")
                .hasMessageContaining("export it")
                .hasMessageContaining(store.resolve(FileArticleStore.LOG_FILE).toString());
        assertThat(snapshot(store)).isEqualTo(before);
        assertThat(store.resolve(FileArticleStore.LOCK_FILE)).doesNotExist();
    }

    @Test
    void formatZero_isRefusedAsNeverWritten_folderUntouched() throws IOException {
        Path store = goldenCopy(dir.resolve("store"));
        claimFormat(store, 0);
        var before = snapshot(store);
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOfSatisfying(StoreFormatException.class, e -> assertThat(e.foundFormat()).isZero())
                .hasMessageContaining("claims store format 0")
                .hasMessageContaining("reads store format 1")
                .hasMessageContaining("Restore the directory from a backup");
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 99})
    void otherFormat_throughTheKnowledgeBase_isTheSameTypedError_storeUntouched(int format) throws IOException {
        Path kbDir = dir.resolve("kb");
        Path store = goldenCopy(kbDir.resolve("store"));
        claimFormat(store, format);
        var before = snapshot(store);
        assertThatThrownBy(() -> KnowledgeBase.builder().directory(kbDir).build())
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("format " + format);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @Test
    void otherFormat_withAnExistingLockFile_leavesItAsItWas() throws IOException {
        Path store = goldenCopy(dir.resolve("store"));
        Files.writeString(store.resolve(FileArticleStore.LOCK_FILE), "12345\n");
        claimFormat(store, 99);
        var before = snapshot(store);
        assertThatThrownBy(() -> FileArticleStore.open(store, null)).isInstanceOf(StoreFormatException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    // ------------------------------------------------------------ fields the format does not define

    /** A log of format 1 holding one frame with {@code payload}. */
    private Path logWith(String payload) throws IOException {
        Path store = dir.resolve("crafted");
        Files.createDirectories(store);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(p);
        ByteBuffer b = ByteBuffer.allocate(FileArticleStore.HEADER_SIZE + FileArticleStore.FRAME_HEADER + p.length);
        b.put(FileArticleStore.MAGIC).putInt(1).putInt(0);
        b.putInt(FileArticleStore.FRAME_MAGIC).putInt(p.length).putInt((int) crc.getValue()).put(p);
        Files.write(store.resolve(FileArticleStore.LOG_FILE), b.array());
        return store;
    }

    private static final String ARTICLE = "{\"id\":\"a1\",\"version\":1,\"category\":\"Billing\",\"type\":\"faq\","
            + "\"owner\":\"alice\",\"tags\":[],\"attributes\":{},\"visibility\":{\"audience\":\"PUBLIC\","
            + "\"segments\":[]},\"sourceLocale\":\"en\",\"reviewInterval\":null,\"verifiedAt\":null,"
            + "\"verifiedBy\":null,\"reviewDueAt\":null,\"createdAt\":1769936400.000000000,"
            + "\"updatedAt\":1769936400.000000000,\"translations\":{\"en\":{\"locale\":\"en\",\"state\":\"DRAFT\","
            + "\"latestRevision\":1,\"publishedRevision\":null,\"translatedFrom\":null,\"scheduledPublishAt\":null,"
            + "\"scheduledArchiveAt\":null,\"submittedBy\":null,\"publishedAt\":null,"
            + "\"updatedAt\":1769936400.000000000,\"live\":false%s}}%s}";

    private static String record(String translationExtra, String articleExtra) {
        return "{\"sequence\":1,\"commit\":{\"article\":" + ARTICLE.formatted(translationExtra, articleExtra)
                + ",\"expectedVersion\":0,\"revisions\":[],\"events\":[]}}";
    }

    @Test
    void wellFormedRecordOfTheCurrentFormat_opens() throws IOException {
        Path store = logWith(record("", ""));
        try (FileArticleStore s = FileArticleStore.open(store, null)) {
            assertThat(s.size()).isEqualTo(1);
        }
    }

    @Test
    void unknownFieldInAnArticle_isRefusedNamingFileOffsetAndField() throws IOException {
        Path store = logWith(record("", ",\"colour\":\"blue\""));
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("byte 16 of " + store.resolve(FileArticleStore.LOG_FILE))
                .hasMessageContaining("unknown field \"colour\" in an article")
                .hasMessageContaining("Restore the directory from a backup");
    }

    @Test
    void unknownFieldInATranslation_isRefused() throws IOException {
        Path store = logWith(record(",\"machineTranslated\":true", ""));
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("unknown field \"machineTranslated\" in a translation");
    }

    @Test
    void missingRequiredField_isRefusedNamingIt() throws IOException {
        Path store = logWith(record("", "").replace("\"owner\":\"alice\",", ""));
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("lacks the field \"owner\" of an article");
    }

    @Test
    void unknownEnumName_isRefusedAsCorrupted() throws IOException {
        Path store = logWith(record("", "").replace("\"DRAFT\"", "\"PENDING\""));
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("unknown translation state \"PENDING\"");
    }

    @Test
    void instantAsText_isRefusedAsCorrupted() throws IOException {
        Path store = logWith(record("", "").replace("\"createdAt\":1769936400.000000000",
                "\"createdAt\":\"2026-02-01T09:00:00Z\""));
        assertThatThrownBy(() -> FileArticleStore.open(store, null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("the instant \"createdAt\"");
    }
}
