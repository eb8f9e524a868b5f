package chat.flack.socket;

import chat.flack.domain.PresenceChanged.UserPresence;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A presence list completed per socket is one whole text frame (final, not fragmented), whose
 * JSON is the same as that of one frame of all of them; the list of the tick is encoded once.
 */
class PresenceListTest {

    private static final List<UserPresence> SHOWN = online("Ada", "Bob \"the\" Builder", "Zoë", "名前");

    @Test
    void aSocketReadsTheListOfTheTickAndThoseAddedAsOneMessage() {
        List<UserPresence> since = online("Cy", "Dee");
        assertThat(message(new PresenceList(SHOWN).with(since))).isEqualTo(whole(SHOWN, since));
    }

    @Test
    void anEmptyListOfTheTickOrNothingAddedStillMakesOneList() {
        assertThat(message(new PresenceList(List.of()).with(online("Cy")))).isEqualTo(whole(List.of(), online("Cy")));
        assertThat(message(new PresenceList(SHOWN).with(List.of()))).isEqualTo(whole(SHOWN, List.of()));
        assertThat(message(new PresenceList(List.of()).with(List.of())))
                .isEqualTo("{\"type\":\"presence\",\"users\":[]}");
    }

    @Test
    void eachSocketsFrameIsItsOwnAndCountsItsWholeSize() {
        PresenceList list = new PresenceList(SHOWN);
        Frame first = list.with(online("Cy"));
        Frame second = list.with(online("Dee"));
        assertThat(message(first)).isEqualTo(whole(SHOWN, online("Cy")));
        assertThat(message(second)).isEqualTo(whole(SHOWN, online("Dee")));
        assertThat(first.size()).isEqualTo(first.wire().remaining());
    }

    @Test
    void socketsThatAddNoOneShareOneFrameOfTheListAlone() {
        PresenceList list = new PresenceList(SHOWN);
        Frame first = list.with(List.of());
        assertThat(list.with(List.of())).isSameAs(first);
        assertThat(message(first)).isEqualTo(whole(SHOWN, List.of()));
    }

    @Test
    void aLongListTakesTheLongerLengthInItsHeader() {
        List<UserPresence> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            many.add(new UserPresence("user-" + i, true));
        }
        Frame frame = new PresenceList(many).with(online("Cy"));
        assertThat(frame.wire().remaining()).isGreaterThan(65_536);
        assertThat(message(frame)).isEqualTo(whole(many, online("Cy")));
    }

    private static String whole(List<UserPresence> shown, List<UserPresence> since) {
        List<UserPresence> all = new ArrayList<>(shown);
        all.addAll(since);
        return Frames.encode(new Frames.PresenceFrame(all));
    }

    private static List<UserPresence> online(String... names) {
        return List.of(names).stream().map(name -> new UserPresence(name, true)).toList();
    }

    /** Reads the frame as a client does: one final text frame, its payload the message. */
    private static String message(Frame frame) {
        ByteBuffer wire = frame.wire();
        assertThat(wire.get(0) & 0xff).as("text, final").isEqualTo(0x81);
        return new String(payloadOf(wire), StandardCharsets.UTF_8);
    }

    private static byte[] payloadOf(ByteBuffer frame) {
        int length = frame.get(1) & 0x7f;
        long n;
        int header;
        if (length < 126) {
            n = length;
            header = 2;
        } else if (length == 126) {
            n = ((frame.get(2) & 0xff) << 8) | (frame.get(3) & 0xff);
            header = 4;
        } else {
            n = frame.getLong(2);
            header = 10;
        }
        assertThat(frame.remaining()).isEqualTo(header + n);
        byte[] bytes = new byte[(int) n];
        frame.position(header).get(bytes);
        return bytes;
    }
}
