package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class GateTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(GateTest.class.getResource("/gate/" + name)).toURI()).toString();
    }

    private int gate(String... args) {
        return Gate.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void gate_slowerMachineSameRatios_passes() throws Exception {
        int status = gate(fixture("baseline.json"), fixture("slower-machine.json"));

        assertThat(status).isZero();
        assertThat(lastLine()).startsWith("gate=pass worst=");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SearchBench.sdkSearch[shape=main]")
                .contains("AssistBench.assist").contains("info");
    }

    @Test
    void gate_ratioGrewBeyondTolerance_failsNamingTheBenchmark() throws Exception {
        int status = gate(fixture("baseline.json"), fixture("regressed.json"));

        assertThat(status).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("gate=fail worst=SearchBench.sdkSearch[shape=main] change=+36.4%");
    }

    @Test
    void gate_largerTolerance_passesTheSameRegression() throws Exception {
        int status = gate(fixture("baseline.json"), fixture("regressed.json"), "--tolerance", "40");

        assertThat(status).isZero();
        assertThat(lastLine()).isEqualTo("gate=pass worst=SearchBench.sdkSearch[shape=main] change=+36.4%");
    }

    @Test
    void gate_twinnedBenchmarkMissing_fails() throws Exception {
        int status = gate(fixture("baseline.json"), fixture("missing.json"));

        assertThat(status).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("gate=fail worst=RenderBench.sdkRender change=missing");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL missing");
    }

    @Test
    void gate_badArguments_exitsWithUsage() throws Exception {
        assertThat(gate(fixture("baseline.json"))).isEqualTo(2);
        assertThat(gate(fixture("baseline.json"), "/no/such/file.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage").contains("cannot read");
    }

    @Test
    void gate_committedQuickBaselineAgainstItself_passes() {
        String baseline = Path.of("baseline", "quick.json").toString();

        assertThat(gate(baseline, baseline)).isZero();
        assertThat(lastLine()).startsWith("gate=pass").endsWith("change=+0.0%");
    }

    @Test
    void twins_sameRatiosOnASlowerMachine_passes() throws Exception {
        int status = gate("--twins", fixture("twins-baseline.json"), fixture("twins-slower-machine.json"));

        assertThat(status).isZero();
        assertThat(lastLine()).isEqualTo("gate=pass worst=docs=1000/shape=main change=+10.0%");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("docs=10000/shape=facet").contains("new");
    }

    @Test
    void twins_ratioGrewBeyondTheDefaultTolerance_failsNamingTheEntry() throws Exception {
        int status = gate("--twins", fixture("twins-baseline.json"), fixture("twins-regressed.json"));

        assertThat(status).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("gate=fail worst=docs=1000/shape=plain change=+30.0%");
    }

    @Test
    void twins_largerTolerance_passesTheSameGrowth() throws Exception {
        // plain grew from 1.25 to 1.625: +30 %, beyond the default 25 % and within 31 %
        assertThat(gate("--twins", fixture("twins-baseline.json"), fixture("twins-regressed.json"), "--tolerance",
                "31")).isZero();
        assertThat(lastLine()).isEqualTo("gate=pass worst=docs=1000/shape=plain change=+30.0%");
    }

    @Test
    void twins_entryOfTheBaselineMissing_fails() throws Exception {
        int status = gate("--twins", fixture("twins-baseline.json"), fixture("twins-missing.json"));

        assertThat(status).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("gate=fail worst=docs=10000/shape=main change=missing");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL missing");
    }

    @Test
    void twins_badUsage_exitsWith2() throws Exception {
        assertThat(gate("--twins", fixture("twins-baseline.json"))).isEqualTo(2);
        assertThat(gate("--twins", fixture("twins-baseline.json"), fixture("twins-baseline.json"), "--tolerance",
                "lots")).isEqualTo(2);
        assertThat(gate("--twins", fixture("twins-baseline.json"), fixture("twins-malformed.json"))).isEqualTo(2);
        // a JMH result file is no Twins output
        assertThat(gate("--twins", fixture("twins-baseline.json"), fixture("baseline.json"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage").contains("cannot read the Twins results")
                .contains("ratio_p50");
    }

    @Test
    void twins_committedBaselineAgainstItself_passes() {
        String baseline = Path.of("baseline", "twins.json").toString();

        assertThat(gate("--twins", baseline, baseline)).isZero();
        assertThat(lastLine()).startsWith("gate=pass").endsWith("change=+0.0%");
    }
}
