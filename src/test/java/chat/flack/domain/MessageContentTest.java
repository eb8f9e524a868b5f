package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageContentTest {

    private final MessageContent content = new MessageContent(5);
    private final Set<String> uploads = Set.of("a1.png");

    private ErrorCode refusal(String text, String image) {
        try {
            content.check(text, image, uploads::contains);
        } catch (ChatException e) {
            return e.code();
        }
        throw new AssertionError("accepted: " + text + " / " + image);
    }

    @Test
    void theLengthIsCountedInCodePoints() {
        assertThat(content.check("😀😀😀😀😀", null, uploads::contains)).isNull();
        assertThat(refusal("😀😀😀😀😀😀", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void aMessageNeedsVisibleTextOrAnImage() {
        assertThat(refusal(" \u200B ", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refusal("", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(content.check("", "a1.png", uploads::contains)).isEqualTo("/uploads/a1.png");
    }

    @Test
    void anImageIsAnExistingUploadByNameOrUrl() {
        assertThat(content.check("hi", "/uploads/a1.png", uploads::contains)).isEqualTo("/uploads/a1.png");
        assertThat(refusal("hi", "b2.png")).isEqualTo(ErrorCode.NO_SUCH_IMAGE);
        assertThatThrownBy(() -> content.check("hi", "/uploads/../x", uploads::contains))
                .isInstanceOf(ChatException.class);
    }
}
