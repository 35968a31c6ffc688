package dev.savoir.kb.internal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.tck.LearningStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in decisions log passes the whole kit, survives a torn last line, and compacts itself. */
class FileLearningStoreContractTest extends LearningStoreContract {
    @TempDir
    Path dir;

    @Override
    protected LearningStore newStore() {
        return new FileLearningStore(dir);
    }

    @Override
    protected LearningStore reopen() {
        return new FileLearningStore(dir);
    }

    @Test
    void tornLastLine_isCutOff_andTheRestKept() throws IOException {
        store.save(approved(BILL, BILL, T1));
        store.close();
        Files.writeString(dir.resolve(FileLearningStore.FILE), "{\"op\":\"save\",\"kind\":\"SYN",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        store = reopen();
        assertThat(store.decisions()).containsExactly(approved(BILL, BILL, T1));
        store.save(rejected(PASWORD, T1));
        store.close();
        store = reopen();
        assertThat(store.decisions()).hasSize(2);
    }

    @Test
    void manySaves_compactTheLog() throws IOException {
        for (int i = 0; i < 300; i++) {
            store.save(approved(BILL, BILL, T1.plusSeconds(i)));
        }
        assertThat(Files.readAllLines(dir.resolve(FileLearningStore.FILE)).size()).isLessThan(100);
    }
}
