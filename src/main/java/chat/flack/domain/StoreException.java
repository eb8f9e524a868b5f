package chat.flack.domain;

/** The store could not do what was asked, and did none of it. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
