package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's cluster path ({@code -Ddemo.args=cluster}) runs: a change on one node is found on the other. */
class ClusterDemoTest {
    @Test
    @Timeout(120)
    void clusterDemo_findsOnNodeB_whatNodeAPublished_andPrintsTheLag() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"cluster"});
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        stdout.print(out);
        assertThat(out).contains("== Two nodes on one PostgreSQL")
                .containsPattern("node B found it \\d+ ms after the publish returned")
                .containsPattern("node A stopped finding it \\d+ ms later")
                .containsPattern("Follow lag over 20 publishes on A found on B: p50 \\d+ ms, p99 \\(max\\) \\d+ ms");
    }
}
