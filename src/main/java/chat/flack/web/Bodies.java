package chat.flack.web;

import jakarta.json.bind.annotation.JsonbNillable;

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

    /**
     * {@code reason}: why Flack cannot serve, only while it cannot; {@code relay}: "UP" or "DOWN"
     * for a node of several, left out for a single node. Absent fields are left out, not null.
     */
    @JsonbNillable(false)
    public record Health(String status, String reason, String relay) {
    }
}
