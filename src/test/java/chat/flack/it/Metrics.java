package chat.flack.it;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads one meter from Flack's {@code /metrics} (Prometheus text), asked from loopback as the tests run. */
final class Metrics {

    private Metrics() {
    }

    /** The value of {@code name} now: the sum over its labelled series. */
    static double read(Client client, String name) {
        HttpResponse<String> r = client.get("/metrics");
        assertThat(r.statusCode()).as("GET /metrics").isEqualTo(200);
        return value(r.body(), name);
    }

    static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            found = true;
        }
        assertThat(found).as(name + " in the metrics").isTrue();
        return sum;
    }
}
