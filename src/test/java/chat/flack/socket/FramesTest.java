package chat.flack.socket;

import chat.flack.domain.ChatService;
import chat.flack.domain.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FramesTest {

    @Test
    void aMessageFrameHasEveryFieldWithMillisecondsAndNulls() {
        Message m = Message.sent(42, "general", "alice", "alice", "hello", null, null,
                Instant.parse("2026-11-24T22:31:13.120Z"), null, "login-alice", List.of());
        String json = Frames.encode(new Frames.MessageFrame(m));
        assertThat(json).contains("\"type\":\"message\"", "\"id\":42", "\"timestamp\":\"2026-11-24T22:31:13.120Z\"",
                "\"image\":null", "\"clientId\":null", "\"user\":\"alice\"").doesNotContain("userKey");
    }

    @Test
    void textIsCarriedAsTextNotMarkup() {
        Message m = Message.sent(1, "c", "u", "u", "<img src=x onerror=alert(1)>\"", null, null, Instant.EPOCH, "x",
                "login-u", List.of());
        String json = Frames.encode(new Frames.MessageFrame(m));
        assertThat(json).contains("<img src=x onerror=alert(1)>\\\"");
    }

    @Test
    void aSendIsReadWithItsOptionalFields() throws Exception {
        Frames.Send r = (Frames.Send) Frames.parse("{\"type\":\"send\",\"channel\":\"c\",\"text\":\"t\",\"image\":null}");
        assertThat(r.text()).isEqualTo("t");
        assertThat(r.image()).isNull();
        assertThat(r.clientId()).isNull();
    }

    @Test
    void aNewerIsReadWithItsAfterAndItsReplyIsAHistoryEchoingIt() throws Exception {
        Frames.Newer r = (Frames.Newer) Frames.parse("{\"type\":\"newer\",\"channel\":\"c\",\"after\":7}");
        assertThat(r.channel()).isEqualTo("c");
        assertThat(r.after()).isEqualTo(7);
        String json = Frames.encode(new Frames.NewerFrame(new ChatService.History("c", List.of()), 7, 100));
        assertThat(json).contains("\"type\":\"history\"", "\"after\":7", "\"limit\":100", "\"messages\":[]")
                .doesNotContain("before");
        for (String bad : new String[] {"{\"type\":\"newer\",\"channel\":\"c\"}",
                "{\"type\":\"newer\",\"channel\":\"c\",\"after\":\"7\"}",
                "{\"type\":\"newer\",\"channel\":\"c\",\"after\":7.5}",
                "{\"type\":\"newer\",\"after\":7}"}) {
            assertThatThrownBy(() -> Frames.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(Frames.BadFrame.class, e -> assertThat(e.ref).isEqualTo("newer"));
        }
    }

    @Test
    void malformedFramesNameTheirTypeWhenItCanBeRead() {
        assertThatThrownBy(() -> Frames.parse("{\"type\":\"older\",\"channel\":\"c\",\"before\":1.5}"))
                .isInstanceOfSatisfying(Frames.BadFrame.class, e -> assertThat(e.ref).isEqualTo("older"));
        assertThatThrownBy(() -> Frames.parse("\"just a string\""))
                .isInstanceOfSatisfying(Frames.BadFrame.class, e -> assertThat(e.ref).isNull());
        assertThatThrownBy(() -> Frames.parse("{\"type\":\"send\",\"channel\":\"c\",\"text\":\"t\",\"clientId\":\"\"}"))
                .isInstanceOf(Frames.BadFrame.class);
        assertThatThrownBy(() -> Frames.parse("{\"type\":\"join\",\"channel\":\"c\"} trailing"))
                .isInstanceOf(Frames.BadFrame.class);
    }

    @Test
    void aLoneSurrogateOrANulInAnyStringIsABadFrame() {
        for (String frame : new String[] {
                "{\"type\":\"send\",\"channel\":\"c\",\"text\":\"x\\ud800y\"}",
                "{\"type\":\"send\",\"channel\":\"c\",\"text\":\"x\\udc00\"}",
                "{\"type\":\"send\",\"channel\":\"c\",\"text\":\"t\",\"clientId\":\"\\ud83d\"}",
                "{\"type\":\"create\",\"channel\":\"c\\ud800\"}",
                "{\"type\":\"send\",\"channel\":\"c\",\"text\":\"a\\u0000b\"}",
                "{\"type\":\"join\",\"channel\":\"c\",\"extra\":[{\"\\ud800\":1}]}"}) {
            assertThatThrownBy(() -> Frames.parse(frame)).as(frame)
                    .isInstanceOfSatisfying(Frames.BadFrame.class, e -> assertThat(e.ref).isNotNull());
        }
    }

    @Test
    void aSurrogatePairIsWellFormed() throws Exception {
        Frames.Send r = (Frames.Send) Frames.parse("{\"type\":\"send\",\"channel\":\"c\",\"text\":\"\\ud83d\\ude00\"}");
        assertThat(r.text()).isEqualTo("😀");
    }

    @Test
    void framesTooDeepOrWithEnormousNumbersAreBadFrames() {
        String deep = "{\"type\":\"send\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        String huge = "{\"type\":\"older\",\"channel\":\"c\",\"before\":" + "9".repeat(1200) + "}";
        assertThatThrownBy(() -> Frames.parse(deep)).isInstanceOf(Frames.BadFrame.class);
        assertThatThrownBy(() -> Frames.parse(huge)).isInstanceOf(Frames.BadFrame.class);
    }

    @Test
    void aControlCharacterInAnUnknownTypeIsNotEchoedRaw() {
        assertThatThrownBy(() -> Frames.parse("{\"type\":\"x\\nSEVERE: forged\"}"))
                .isInstanceOfSatisfying(Frames.BadFrame.class, e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
