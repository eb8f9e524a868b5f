package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTest {

    @Test
    void aPayloadCarriesItsSendTimeAndNumberAndHasTheAskedSize() {
        String text = Payload.text(123_456_789L, 42, 100);
        assertThat(text).hasSize(100).startsWith("123456789 42 ");
        List<long[]> read = new ArrayList<>();
        assertThat(Payload.read("Guest7: " + text, 8, (sent, seq) -> read.add(new long[] {sent, seq}))).isTrue();
        assertThat(read).containsExactly(new long[] {123_456_789L, 42});
    }

    @Test
    void aPayloadLongerThanTheAskedSizeIsNotCut() {
        assertThat(Payload.text(123_456_789L, 42, 1)).isEqualTo("123456789 42 ");
    }

    @Test
    void otherTextIsNotAPayload() {
        assertThat(Payload.read("hello world", 0, (sent, seq) -> { })).isFalse();
        assertThat(Payload.read("12345", 0, (sent, seq) -> { })).isFalse();
    }
}
