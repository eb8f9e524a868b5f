package chat.flack.domain;

/** Every error code of the wire contract, with the sentence a person reads. */
public enum ErrorCode {
    BAD_REQUEST("bad-request", "The request is not one the server understands."),
    INVALID_NAME("invalid-name",
            "A display name has 1 to 32 letters, digits, spaces, '_', '-' or '.'."),
    NAME_TAKEN("name-taken", "Somebody is already using that display name."),
    NOT_LOGGED_IN("not-logged-in", "Choose a display name first."),
    INVALID_CHANNEL("invalid-channel",
            "A channel name has 1 to 48 letters, digits, spaces, '_', '-' or '.'."),
    CHANNEL_TAKEN("channel-taken", "A channel with that name exists already."),
    TOO_MANY_CHANNELS("too-many-channels", "No more channels can be created."),
    NO_SUCH_CHANNEL("no-such-channel", "There is no channel with that name."),
    NOT_IN_CHANNEL("not-in-channel", "Join the channel before sending to it."),
    INVALID_MESSAGE("invalid-message", "A message needs text or an image, and at most 4000 characters of text."),
    NO_SUCH_IMAGE("no-such-image", "That image was not uploaded here."),
    NO_SUCH_USER("no-such-user", "Nobody of that name is here (and you cannot open a conversation with yourself)."),
    NO_SUCH_MESSAGE("no-such-message", "There is no such message in that channel, or it was deleted."),
    NOT_YOURS("not-yours", "Only the person who wrote a message can change it."),
    INVALID_EMOJI("invalid-emoji", "A reaction is one emoji."),
    TOO_MANY_REACTIONS("too-many-reactions", "That message has as many reactions as it can hold."),
    RATE_LIMITED("rate-limited", "You are sending too fast; wait a moment and send again."),
    UNAVAILABLE("unavailable", "The server cannot store that right now; nothing was saved, try again."),
    NOT_AN_IMAGE("not-an-image", "Only PNG, JPEG, GIF and WebP images can be uploaded."),
    TOO_LARGE("too-large", "That image is larger than the server accepts."),
    FORBIDDEN_ORIGIN("forbidden-origin", "Another site may not do this for you."),
    NOT_FOUND("not-found", "There is nothing at that address."),
    METHOD_NOT_ALLOWED("method-not-allowed", "That address does not take this kind of request."),
    STORAGE_FULL("storage-full", "The server has no room to store that image now; try again later."),
    INTERNAL("internal", "Something went wrong on the server; it has been logged.");

    private final String code;
    private final String sentence;

    ErrorCode(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    /** The code as it appears on the wire. */
    public String code() {
        return code;
    }

    /** The default sentence for a person. */
    public String sentence() {
        return sentence;
    }
}
