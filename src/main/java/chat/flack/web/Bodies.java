package chat.flack.web;

/** The JSON bodies of the HTTP contract. */
public final class Bodies {

    private Bodies() {
    }

    public record Error(String error, String message) {
    }

    public record NameCheck(String name, boolean available) {
    }

    public record Me(String user, String author) {
    }

    public record User(String user) {
    }

    public record Upload(String filename, String url, int width, int height) {
    }

    /** {@code relay}: "UP" or "DOWN" for a node of several, null for a single node. */
    public record Health(String status, String reason, String relay) {
    }
}
