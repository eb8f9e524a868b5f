package chat.flack.domain;

import java.util.function.Predicate;

/** What a message may hold: text of at most a number of code points, an uploaded image, not nothing. */
final class MessageContent {

    private static final String UPLOADS = "/uploads/";

    private final int maxLength;

    MessageContent(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Checks a message's text and image (a file name or its {@code /uploads/} URL, or null) and
     * returns the image's URL, or null without an image.
     *
     * @param imageExists tells whether an upload of a file name exists
     * @throws ChatException {@code invalid-message} or {@code no-such-image}
     */
    String check(String text, String image, Predicate<String> imageExists) {
        if (text.codePointCount(0, text.length()) > maxLength || (Texts.invisible(text) && image == null)) {
            throw new ChatException(ErrorCode.INVALID_MESSAGE,
                    "A message needs text or an image, and at most " + maxLength + " characters of text.");
        }
        if (image == null) {
            return null;
        }
        String file = image.startsWith(UPLOADS) ? image.substring(UPLOADS.length()) : image;
        if (!imageExists.test(file)) {
            throw new ChatException(ErrorCode.NO_SUCH_IMAGE);
        }
        return UPLOADS + file;
    }
}
