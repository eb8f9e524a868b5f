package chat.flack.domain;

import java.util.Optional;
import java.util.function.Function;

/** What a message may hold: text of at most a number of code points, an uploaded image, not nothing. */
final class MessageContent {

    private static final String UPLOADS = "/uploads/";

    private final int maxLength;

    /** The image of a message: its URL and its size. */
    record Attachment(String url, ImageSize size) {
    }

    MessageContent(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Checks a message's text and image (a file name or its {@code /uploads/} URL, or null) and
     * returns the image, or null without one.
     *
     * @param uploads the size of the upload of a file name, empty when there is no such upload
     * @throws ChatException {@code invalid-message} or {@code no-such-image}
     */
    Attachment check(String text, String image, Function<String, Optional<ImageSize>> uploads) {
        checkText(text, image != null);
        if (image == null) {
            return null;
        }
        String file = image.startsWith(UPLOADS) ? image.substring(UPLOADS.length()) : image;
        ImageSize size = uploads.apply(file).orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_IMAGE));
        return new Attachment(UPLOADS + file, size);
    }

    /**
     * Checks a message's text: at most the length, and visible unless the message has an image.
     *
     * @throws ChatException {@code invalid-message}
     */
    void checkText(String text, boolean hasImage) {
        if (text.codePointCount(0, text.length()) > maxLength || (Texts.invisible(text) && !hasImage)) {
            throw new ChatException(ErrorCode.INVALID_MESSAGE,
                    "A message needs text or an image, and at most " + maxLength + " characters of text.");
        }
    }
}
