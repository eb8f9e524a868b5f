package chat.flack.domain;

/** An uploaded image's size in pixels, read from its header. */
public record ImageSize(int width, int height) {
}
