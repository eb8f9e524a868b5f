package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /metrics}: Prometheus text with Flack's own meters and the JVM's. */
class MetricsIT extends ServerIT {

    private String scrape() {
        HttpResponse<String> r = client().get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        return r.body();
    }

    @Test
    void theMetricsCountMessagesDeliveriesConnectionsAndTheJvm() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            String channel = unique("metered");
            a.create(channel);
            a.join(channel);
            b.join(channel);
            double acceptedBefore = Metrics.value(scrape(), "flack_messages_accepted_total");
            double deliveriesBefore = Metrics.value(scrape(), "flack_deliveries_total");
            a.say(channel, "counted");
            a.await("message");
            b.await("message");
            a.say(channel, "");
            a.awaitError("invalid-message", "send");
            String after = scrape();
            assertThat(Metrics.value(after, "flack_messages_accepted_total")).isEqualTo(acceptedBefore + 1);
            assertThat(Metrics.value(after, "flack_deliveries_total")).isGreaterThanOrEqualTo(deliveriesBefore + 2);
            assertThat(after).containsPattern("flack_messages_refused_total\\{reason=\"invalid-message\"} [1-9]");
            assertThat(Metrics.value(after, "flack_connections_open")).isGreaterThanOrEqualTo(2);
            assertThat(Metrics.value(after, "flack_logins")).isGreaterThanOrEqualTo(2);
            await("flack_users_online counts the two with a socket open (presence is counted once a second)")
                    .atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(scrape(), "flack_users_online") >= 2);
            assertThat(Metrics.value(after, "flack_db_commit_seconds_count")).isGreaterThanOrEqualTo(1);
            Metrics.value(after, "flack_outbound_queue_depth");
            Metrics.value(after, "flack_connections_closed_lagging_total");
            assertThat(Metrics.value(after, "jvm_memory_used_bytes")).isPositive();
            Metrics.value(after, "jvm_gc_memory_allocated_bytes_total");
        }
    }

    @Test
    void noMessageTextAppearsInTheMetrics() {
        try (Sock a = loggedIn().socket()) {
            String channel = unique("secret");
            a.create(channel);
            a.join(channel);
            a.say(channel, "the-secret-text-42");
            a.await("message");
            assertThat(scrape()).doesNotContain("the-secret-text-42").doesNotContain(channel);
        }
    }
}
