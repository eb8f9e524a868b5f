package chat.flack.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteFloorTest {

    @Test
    void everyFrameWrittenArrivesAndEachStepIsCosted(@TempDir Path dir) {
        Path out = dir.resolve("floor.jsonl");

        List<Result> results = Bench.run("--mode", "floor", "--clients", "5", "--rate", "50", "--duration", "0.2",
                "--payload", "120", "--out", out.toString(), "--label", "unit");

        Result r = results.get(0);
        assertThat(r.mode()).isEqualTo("floor");
        assertThat(r.floor()).extracting(Result.FloorStep::framesPerWrite).containsExactly(1, 2, 4, 8);
        for (Result.FloorStep step : r.floor()) {
            assertThat(step.writes()).isPositive();
            assertThat(step.bytes()).as("every byte written arrived").isEqualTo(step.writes() * step.framesPerWrite() * 120);
            assertThat(step.writerMicrosPerWrite()).isPositive();
            assertThat(step.readerMicrosPerFrame()).isPositive();
        }
        assertThat(out).content().contains("\"mode\":\"floor\"").contains("\"framesPerWrite\":8");
    }

    @Test
    void floorDrivesNoServer() {
        assertThat(Options.parse("--mode", "floor", "--clients", "10").mode()).isEqualTo(Options.Mode.FLOOR);
        assertThatThrownBy(() -> Options.parse("--mode", "floor", "--target", "both"))
                .hasMessageContaining("drives no server");
        assertThatThrownBy(() -> Options.parse("--mode", "floor", "--clients", "0"))
                .hasMessageContaining("--clients of at least 1");
    }
}
