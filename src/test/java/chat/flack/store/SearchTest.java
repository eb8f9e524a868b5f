package chat.flack.store;

import java.util.Map;

/** {@link SearchCases} on embedded H2, the default database. */
class SearchTest extends SearchCases {

    @Override
    String emptyDatabase() {
        return "jdbc:h2:file:" + data.resolve("flack") + ";WRITE_DELAY=0;USER=flack";
    }

    @Override
    Map<String, String> databaseSettings(String url) {
        return Map.of();
    }

    @Override
    void forget(String url) {
        // the folder goes with the test
    }
}
