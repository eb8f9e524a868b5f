package chat.flack.socket;

import chat.flack.domain.UnreadCounts;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The frames on the wire, against RFC 6455's examples (section 5.7) with the text opcode. */
class FrameTest {

    @Test
    void aShortTextHasItsLengthInTheSecondByte() {
        assertThat(bytes(Frame.text("Hello".getBytes(StandardCharsets.US_ASCII))))
                .containsExactly(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    }

    @Test
    void fromOneHundredAndTwentySixBytesTheLengthTakesTwoBytesMore() {
        assertThat(header(Frame.text(new byte[125]), 2)).containsExactly(0x81, 125);
        assertThat(header(Frame.text(new byte[126]), 4)).containsExactly(0x81, 0x7e, 0x00, 0x7e);
        assertThat(header(Frame.text(new byte[256]), 4)).containsExactly(0x81, 0x7e, 0x01, 0x00);
        assertThat(header(Frame.text(new byte[65_535]), 4)).containsExactly(0x81, 0x7e, 0xff, 0xff);
    }

    @Test
    void from64KiBTheLengthTakesEightBytesMore() {
        Frame frame = Frame.text(new byte[65_536]);
        assertThat(header(frame, 10)).containsExactly(0x81, 0x7f, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00);
        assertThat(frame.size()).isEqualTo(10 + 65_536);
    }

    @Test
    void thePayloadFollowsTheHeaderAsItIs() {
        byte[] payload = "{\"type\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
        int[] wire = bytes(Frame.text(payload));
        assertThat(Arrays.copyOfRange(wire, 2, wire.length)).containsExactly(unsigned(payload));
    }

    @Test
    void aPingCarriesOneByteAndEveryWriteReadsItFromTheStart() {
        assertThat(bytes(Frame.PING)).containsExactly(0x89, 0x01, 'f');
        ByteBuffer first = Frame.PING.wire();
        first.position(first.limit());
        assertThat(Frame.PING.wire().remaining()).isEqualTo(3);
    }

    @Test
    void aFrameMadeLazilyIsEncodedOnceAndTheSameForEveryone() {
        Frames.UnreadFrame counts = new Frames.UnreadFrame(List.of(new UnreadCounts.Entry("news", 3, 1, 42)));
        Frame.Lazy lazily = Frame.lazily(counts);
        assertThat(lazily.encoded()).as("not encoded before it is asked for").isNull();
        Frame first = lazily.get();
        assertThat(lazily.get()).isSameAs(first);
        assertThat(lazily.encoded()).isSameAs(first);
        assertThat(bytes(first)).containsExactly(bytes(Frame.of(counts)));
    }

    private static int[] header(Frame frame, int length) {
        return Arrays.copyOf(bytes(frame), length);
    }

    private static int[] bytes(Frame frame) {
        ByteBuffer wire = frame.wire();
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return unsigned(bytes);
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }
}
