package dev.savoir.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLogTest {
    record Line(int n, String text) {
    }

    @TempDir
    Path dir;

    private List<Line> replay(Path file) {
        List<Line> out = new ArrayList<>();
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.replay(Line.class, out::add);
        }
        return out;
    }

    @Test
    void replay_linesLongerThanTheReadBuffer_andMultiByteText_comeBackWhole() {
        Path file = dir.resolve("events.jsonl");
        String huge = "é".repeat(70_000) + "漢字" + "x".repeat(100_000);
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.replay(Line.class, l -> { });
            for (int i = 0; i < 2_000; i++) {
                log.append(new Line(i, i == 777 ? huge : "ligne " + i + " équipe"));
            }
        }
        List<Line> back = replay(file);
        assertThat(back).hasSize(2_000);
        assertThat(back.get(777).text()).isEqualTo(huge);
        assertThat(back.get(1_999)).isEqualTo(new Line(1_999, "ligne 1999 équipe"));
    }

    @Test
    void replay_cutsOffATornLastLine_andSkipsADamagedOneInTheMiddle() throws IOException {
        Path file = dir.resolve("events.jsonl");
        String content = "{\"n\":1,\"text\":\"é\"}\n{garbage}\n{\"n\":3,\"text\":\"c\"}\n{\"n\":4,\"te";
        Files.writeString(file, content, StandardCharsets.UTF_8);
        assertThat(replay(file)).containsExactly(new Line(1, "é"), new Line(3, "c"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":1,\"text\":\"é\"}\n{garbage}\n{\"n\":3,\"text\":\"c\"}\n");
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.replay(Line.class, l -> { });
            log.append(new Line(5, "after"));
        }
        assertThat(replay(file)).containsExactly(new Line(1, "é"), new Line(3, "c"), new Line(5, "after"));
    }
}
