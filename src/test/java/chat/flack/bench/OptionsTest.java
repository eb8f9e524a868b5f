package chat.flack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaultsDescribeASmallFanOutAgainstLocalFlack() {
        Options o = Options.parse();
        assertThat(o.mode()).isEqualTo(Options.Mode.FANOUT);
        assertThat(o.target()).isEqualTo("flack");
        assertThat(o.url()).hasToString("http://127.0.0.1:8080/");
        assertThat(o.messages()).isEqualTo(250);
        assertThat(o.stall()).isZero();
    }

    @Test
    void stallModeAddsTenStalledClientsUnlessTold() {
        assertThat(Options.parse("--mode", "stall").stall()).isEqualTo(10);
        assertThat(Options.parse("--mode", "stall", "--stall", "3").stall()).isEqualTo(3);
    }

    @Test
    void rampStepsMustIncrease() {
        assertThat(Options.parse("--steps", "10, 20,50").steps()).containsExactly(10, 20, 50);
        assertThatThrownBy(() -> Options.parse("--steps", "20,10")).hasMessageContaining("increasing");
    }

    @Test
    void unknownOptionsAndBadNumbersAreRefusedByName() {
        assertThatThrownBy(() -> Options.parse("--clinets", "5")).hasMessageContaining("--clinets");
        assertThatThrownBy(() -> Options.parse("--clients", "2.5")).hasMessageContaining("--clients");
        assertThatThrownBy(() -> Options.parse("--target", "nginx")).hasMessageContaining("--target");
        assertThatThrownBy(() -> Options.parse("--rate")).hasMessageContaining("needs a value");
    }
}
