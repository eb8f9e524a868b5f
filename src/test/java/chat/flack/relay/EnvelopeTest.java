package chat.flack.relay;

import chat.flack.config.Json;
import chat.flack.domain.ChannelCreated;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.Direct;
import chat.flack.domain.DirectOpened;
import chat.flack.domain.LoginEnded;
import chat.flack.domain.LoginStarted;
import chat.flack.domain.ImageSize;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Message;
import chat.flack.domain.MessageChanged;
import chat.flack.domain.MessageStored;
import chat.flack.domain.NodeEvent;
import chat.flack.domain.NodePresence;
import chat.flack.domain.ReadMoved;
import chat.flack.domain.Typing;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of node event survives its trip through Redis as JSON, field for field. */
class EnvelopeTest {

    private static NodeEvent roundTrip(NodeEvent event) {
        String json = Json.JSONB.toJson(RedisRelay.Envelope.of("node-1", event));
        return Json.JSONB.fromJson(json, RedisRelay.Envelope.class).event();
    }

    @Test
    void everyKindOfEventComesBackEqual() {
        StoredChannel general = new StoredChannel(3, "General", "general");
        LoginUser ann = new LoginUser("Ann", "ann", "login-1");
        Message sent = Message.sent(7, "General", "Ann", "ann", "hi @Bo", "/uploads/x.png", new ImageSize(640, 480),
                Instant.parse("2026-12-01T10:00:00.123Z"), "c-1", "login-1", List.of("Bo"));
        Message changed = new Message(7, "General", "Ann", "ann", "hi @Bo!", null,
                Instant.parse("2026-12-01T10:00:00.123Z"), null, "login-1", List.of("Bo"),
                Instant.parse("2026-12-01T10:01:00.456Z"), false,
                List.of(new Message.Reaction("👍🏽", List.of("Bo", "Cy")), new Message.Reaction("🎉", List.of("Ann"))), 3,
                null, null);
        List<NodeEvent> events = List.of(
                new MessageStored(general, sent, 6),
                new ChannelCreated(general),
                new LoginStarted(ann, "hash", Instant.parse("2026-12-01T09:00:00Z")),
                new LoginEnded(ann),
                new MessageChanged(general, changed),
                new Typing(general, ann),
                new ReadMoved(ann, general),
                new DirectOpened(new Direct(new StoredChannel(9, "@0a1b2c", "@0a1b2c"),
                        new Direct.Member("login-1", "ann", "Ann"), new Direct.Member("login-2", "bo", "Bo"))));
        for (NodeEvent event : events) {
            assertThat(roundTrip(event)).as(event.getClass().getSimpleName()).isEqualTo(event);
        }
        assertThat(roundTrip(new NodePresence("ignored", List.of("Ann", "Bo"))))
                .as("presence names the node that sent it").isEqualTo(new NodePresence("node-1", List.of("Ann", "Bo")));
    }
}
