package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessagesTest {

    private static Message message(long id, String text) {
        return Message.sent(id, "general", "ann", "ann", text, null, null, Instant.EPOCH, "c-" + id,
                "login-ann", List.of());
    }

    @Test
    void theOldestAreForgottenOnceTheBytesPassTheBound() {
        RecentMessages recent = new RecentMessages(100_000);
        for (int i = 0; i < 100; i++) {
            recent.put("k" + i, message(i, "x".repeat(4000)));
        }
        assertThat(recent.bytes()).isLessThanOrEqualTo(100_000);
        assertThat(recent.size()).isBetween(10, 13);
        assertThat(recent.get("k99")).isNotNull();
        assertThat(recent.get("k0")).isNull();
    }

    @Test
    void smallMessagesAreKeptManyAtATime() {
        RecentMessages recent = new RecentMessages(1_000_000);
        for (int i = 0; i < 1000; i++) {
            recent.put("k" + i, message(i, "hi"));
        }
        assertThat(recent.size()).isEqualTo(1000);
        assertThat(recent.get("k0").text()).isEqualTo("hi");
    }
}
