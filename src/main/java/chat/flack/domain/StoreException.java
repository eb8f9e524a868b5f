package chat.flack.domain;

/**
 * The store could not do what was asked. It did none of it, except when {@link #outcomeUnknown}:
 * the connection was lost while committing, and the work may or may not have been stored.
 */
public class StoreException extends RuntimeException {

    private final boolean outcomeUnknown;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
