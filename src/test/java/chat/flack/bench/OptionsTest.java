package chat.flack.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void rampTakesItsStepsAndSettleTime() {
        Options o = Options.parse("--mode", "ramp", "--steps", "100,200", "--settle", "0.5");

        assertThat(o.mode()).isEqualTo(Options.Mode.RAMP);
        assertThat(o.steps()).containsExactly(100, 200);
        assertThat(o.settle()).isEqualTo(0.5);
        assertThat(Options.parse().steps()).containsExactly(1000, 2000, 5000, 10000);
    }

    @Test
    void fanOutTakesItsSizeRateAndDuration() {
        Options o = Options.parse("--clients", "200", "--senders", "5", "--rate", "12.5", "--duration", "4",
                "--payload", "300", "--drain", "1", "--concurrency", "8", "--label", "a machine");

        assertThat(o.clients()).isEqualTo(200);
        assertThat(o.senders()).isEqualTo(5);
        assertThat(o.messages()).isEqualTo(50);
        assertThat(o.payload()).isEqualTo(300);
        assertThat(o.drain()).isEqualTo(1);
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.label()).isEqualTo("a machine");
    }

    @Test
    void fanOutRunsInOneChannelUnlessToldOtherwise() {
        assertThat(Options.parse().channels()).isEqualTo(1);
        assertThat(Options.parse("--channels", "3", "--senders", "5").channels()).isEqualTo(3);
        assertThat(Options.parse("--mode", "stall", "--channels", "2").channels()).isEqualTo(2);
    }

    @Test
    void severalChannelsAreRefusedWhereTheyCannotBe() {
        assertThatThrownBy(() -> Options.parse("--target", "tomcat-example", "--channels", "2"))
                .hasMessage("--channels 2 needs --target flack: Tomcat's example chat has one room");
        assertThatThrownBy(() -> Options.parse("--target", "both", "--channels", "2"))
                .hasMessageContaining("example chat has one room");
        assertThatThrownBy(() -> Options.parse("--mode", "ramp", "--channels", "2"))
                .hasMessageContaining("--channels is for --mode fanout and stall");
        assertThatThrownBy(() -> Options.parse("--senders", "2", "--channels", "3"))
                .hasMessage("--channels 3 needs at least as many --senders (one per channel), not 2");
        assertThatThrownBy(() -> Options.parse("--channels", "0")).hasMessageContaining("--channels must be");
        assertThat(Options.parse("--target", "tomcat-example", "--channels", "1").channels()).isEqualTo(1);
    }

    @Test
    void theModeMayBeWrittenInAnyCase() {
        assertThat(Options.parse("--mode", "STALL").mode()).isEqualTo(Options.Mode.STALL);
    }

    @Test
    void unknownOptionsAndBadValuesAreRefusedByName() {
        assertThatThrownBy(() -> Options.parse("--clinets", "5")).hasMessageContaining("'--clinets'");
        assertThatThrownBy(() -> Options.parse("--clients", "2.5"))
                .hasMessage("Invalid value for option '--clients': '2.5' is not an int");
        assertThatThrownBy(() -> Options.parse("--rate", "fast")).hasMessageContaining("--rate")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> Options.parse("--target", "nginx"))
                .hasMessage("--target is flack, tomcat-example or both, not 'nginx'");
        assertThatThrownBy(() -> Options.parse("--mode", "burst")).hasMessageContaining("--mode")
                .hasMessageContaining("'burst'");
        assertThatThrownBy(() -> Options.parse("--rate")).hasMessageContaining("Missing required parameter for option '--rate'");
        assertThatThrownBy(() -> Options.parse("fanout")).hasMessageContaining("'fanout'");
    }

    @Test
    void countsAndTimesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> Options.parse("--clients", "-3"))
                .hasMessage("--clients must be a whole number from 0 to 1000000, not -3");
        assertThatThrownBy(() -> Options.parse("--senders", "0")).hasMessageContaining("--senders");
        assertThatThrownBy(() -> Options.parse("--rate", "0")).hasMessageContaining("--rate must be a number from");
        assertThatThrownBy(() -> Options.parse("--duration", "NaN")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> Options.parse("--mode", "stall", "--stall", "0"))
                .hasMessage("--mode stall needs --stall of at least 1");
        assertThatThrownBy(() -> Options.parse("--steps", "10,x")).hasMessageContaining("--steps")
                .hasMessageContaining("'x'");
    }

    @Test
    void aBadCommandLineIsOneLineOnStandardErrorAndStatusTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCommand.commandLine().setErr(new PrintWriter(err, true));

        int status = cli.execute("--clinets", "5");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1)
                .startsWith("bench: Unknown options: '--clinets', '5'; did you mean --clients?")
                .endsWith("(--help lists the options)" + System.lineSeparator());
    }

    @Test
    void helpPrintsEveryOptionWithItsDefaultAndRunsNothing() {
        StringWriter out = new StringWriter();
        CommandLine cli = BenchCommand.commandLine().setOut(new PrintWriter(out, true));

        int status = cli.execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Usage: src/bench/run")
                .contains("--mode=fanout|stall|ramp", "--url=URL[,URL...]", "--pid=PID[,PID...]", "--force",
                        "--connect-timeout=S", "--out=FILE", "(default http://127.0.0.1:8080)", "(default 100)",
                        "docs/benchmark.md");
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
                .hasMessage("Invalid value for option '--pid' (PID): 'x' is not a long");
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
