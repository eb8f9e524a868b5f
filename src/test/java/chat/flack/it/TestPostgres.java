package chat.flack.it;

/** The PostgreSQL of the tests that choose their database themselves: {@code FLACK_TEST_PG_URL}. */
public final class TestPostgres {

    private TestPostgres() {
    }

    /**
     * The JDBC URL of the tests' PostgreSQL; without one, {@code test} fails under CI and is
     * skipped elsewhere, with a line that says how to give one.
     */
    public static String url(String test) {
        String url = System.getenv("FLACK_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            Missing.skipOrFail(test + " needs PostgreSQL: set FLACK_TEST_PG_URL, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        return url;
    }
}
