package chat.flack.web;

/** The JSON bodies of the HTTP contract. */
final class Bodies {

    private Bodies() {
    }

    record Error(String error, String message) {
    }

    record NameCheck(String name, boolean available) {
    }

    record User(String user) {
    }

    record Upload(String filename, String url) {
    }

    record Health(String status, String reason) {
    }
}
