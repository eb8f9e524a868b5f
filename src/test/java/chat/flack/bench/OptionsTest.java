package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaultsDescribeASmallFanOutAgainstLocalFlack() {
        Options o = Options.parse();
        assertThat(o.mode()).isEqualTo(Options.Mode.FANOUT);
        assertThat(o.target()).isEqualTo("flack");
        assertThat(o.urls()).containsExactly(URI.create("http://127.0.0.1:8080/"));
        assertThat(o.pids()).isEmpty();
        assertThat(o.messages()).isEqualTo(250);
        assertThat(o.stall()).isZero();
        assertThat(o.out()).as("results stay out of the tracked tree unless asked").hasToString("target/bench-results.jsonl");
        assertThat(o.force()).isFalse();
    }

    @Test
    void forceIsAFlagWithoutAValue() {
        Options o = Options.parse("--force", "--clients", "3");
        assertThat(o.force()).isTrue();
        assertThat(o.clients()).isEqualTo(3);
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

    @Test
    void urlsAndPidsMayBeRepeatedOrCommaSeparatedAndKeepTheirOrder() {
        Options o = Options.parse("--url", "http://127.0.0.1:8101,http://127.0.0.1:8102/", "--url", "http://127.0.0.1:8103",
                "--pid", "11", "--pid", "12, 13");

        assertThat(o.urls()).containsExactly(URI.create("http://127.0.0.1:8101/"), URI.create("http://127.0.0.1:8102/"),
                URI.create("http://127.0.0.1:8103/"));
        assertThat(o.pids()).containsExactly(11L, 12L, 13L);
    }

    @Test
    void oneUrlAndOnePidAreOneNode() {
        Options o = Options.parse("--url", "http://127.0.0.1:8090", "--pid", "42");

        assertThat(o.urls()).containsExactly(URI.create("http://127.0.0.1:8090/"));
        assertThat(o.pids()).containsExactly(42L);
    }

    @Test
    void pidsMustBeOnePerNode() {
        assertThatThrownBy(() -> Options.parse("--url", "http://a:1,http://b:2", "--pid", "7"))
                .hasMessageContaining("one process id per --url (2), not 1");
        assertThatThrownBy(() -> Options.parse("--pid", "7,8"))
                .hasMessageContaining("one process id per --url (1), not 2");
        assertThatThrownBy(() -> Options.parse("--url", "http://a:1,http://b:2", "--pid", "7,x"))
                .hasMessageContaining("--pid must be a process id, not 'x'");
    }

    @Test
    void badNodeListsAreRefused() {
        assertThatThrownBy(() -> Options.parse("--url", "http://a:1,,http://b:2")).hasMessageContaining("empty item");
        assertThatThrownBy(() -> Options.parse("--url", "http://a:1", "--url", "http://a:1/"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Options.parse("--url", "http://a:1,ws://b:2")).hasMessageContaining("http:// URL");
        assertThatThrownBy(() -> Options.parse("--target", "tomcat-example", "--url", "http://a:1,http://b:2"))
                .hasMessageContaining("one --url");
    }

    @Test
    void otherOptionsTakeTheLastValueGiven() {
        assertThat(Options.parse("--clients", "5", "--clients", "7").clients()).isEqualTo(7);
    }

    @Test
    void aimingAtATargetKeepsItsNodesAndTheRestOfTheRun() {
        Options o = Options.parse("--target", "both", "--url", "http://a:1,http://b:2", "--pid", "1,2",
                "--baseline-pid", "3", "--clients", "9");

        Options baseline = o.aimedAt("tomcat-example", List.of(o.baselineUrl()), List.of(o.baselinePid()));

        assertThat(baseline.target()).isEqualTo("tomcat-example");
        assertThat(baseline.urls()).containsExactly(URI.create("http://127.0.0.1:8091/"));
        assertThat(baseline.pids()).containsExactly(3L);
        assertThat(baseline.clients()).isEqualTo(9);
        assertThat(o.aimedAt("flack", o.urls(), o.pids()).urls()).hasSize(2);
    }
}
