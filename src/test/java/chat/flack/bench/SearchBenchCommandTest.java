package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** src/bench/search's command line: a bad one is refused in one line before any database is touched. */
class SearchBenchCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        return SearchBench.commandLine()
                .setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(out, true))
                .execute(args);
    }

    @Test
    void aSchemaNameThatIsNotPlainIsRefused() {
        assertThat(run("--schema", "x; drop table messages", "--db", "jdbc:postgresql://127.0.0.1:1/none")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("search: --schema: lower-case letters");
    }

    @Test
    void aVocabularyTooSmallForThePrefixesIsRefused() {
        assertThat(run("--vocabulary", "100", "--db", "jdbc:postgresql://127.0.0.1:1/none")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("--vocabulary must be at least 500, not 100");
    }

    @Test
    void aNumberThatIsNotOneIsRefusedByName() {
        assertThat(run("--messages", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("'--messages'").contains("'many'");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: src/bench/search")
                .contains("--db=URL", "--schema=NAME", "--messages=N", "--keep", "(default 300)");
    }
}
