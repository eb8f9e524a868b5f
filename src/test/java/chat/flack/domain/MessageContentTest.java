package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageContentTest {

    private final MessageContent content = new MessageContent(5);
    private final Map<String, ImageSize> stored = Map.of("a1.png", new ImageSize(640, 480));

    private Optional<ImageSize> uploads(String file) {
        return Optional.ofNullable(stored.get(file));
    }

    private ErrorCode refusal(String text, String image) {
        try {
            content.check(text, image, this::uploads);
        } catch (ChatException e) {
            return e.code();
        }
        throw new AssertionError("accepted: " + text + " / " + image);
    }

    @Test
    void theLengthIsCountedInCodePoints() {
        assertThat(content.check("😀😀😀😀😀", null, this::uploads)).isNull();
        assertThat(refusal("😀😀😀😀😀😀", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void aMessageNeedsVisibleTextOrAnImage() {
        assertThat(refusal(" \u200B ", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refusal("", null)).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(content.check("", "a1.png", this::uploads))
                .isEqualTo(new MessageContent.Attachment("/uploads/a1.png", new ImageSize(640, 480)));
    }

    @Test
    void anImageIsAnExistingUploadByNameOrUrl() {
        assertThat(content.check("hi", "/uploads/a1.png", this::uploads).url()).isEqualTo("/uploads/a1.png");
        assertThat(refusal("hi", "b2.png")).isEqualTo(ErrorCode.NO_SUCH_IMAGE);
        assertThatThrownBy(() -> content.check("hi", "/uploads/../x", this::uploads))
                .isInstanceOf(ChatException.class);
    }
}
