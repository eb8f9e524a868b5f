package chat.flack.domain;

/** A request the rules refuse; carries the contract's error code. */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code) {
        this(code, code.sentence());
    }

    public ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ChatException(ErrorCode code, Throwable cause) {
        super(code.sentence(), cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
