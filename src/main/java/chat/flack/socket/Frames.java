package chat.flack.socket;

import chat.flack.config.Json;
import chat.flack.domain.ChatService.History;
import chat.flack.domain.Message;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** The WebSocket frames of PROTOCOL.md: records for what the server sends, a strict reader for what it gets. */
public final class Frames {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> TYPES = Set.of("create", "join", "leave", "older", "send");
    private static final int MAX_CLIENT_ID = 64;

    private Frames() {
    }

    public record ChannelRef(String name) {
    }

    public record Channels(String type, List<ChannelRef> channels) {
        Channels(List<String> names) {
            this("channels", names.stream().map(ChannelRef::new).toList());
        }
    }

    public record HistoryFrame(String type, String channel, List<MessageView> messages) {
        HistoryFrame(History history) {
            this("history", history.channel(), views(history.messages()));
        }
    }

    public record OlderFrame(String type, String channel, long before, List<MessageView> messages) {
        OlderFrame(History history, long before) {
            this("history", history.channel(), before, views(history.messages()));
        }
    }

    public record MessageFrame(String type, MessageView message) {
        MessageFrame(Message message) {
            this("message", new MessageView(message));
        }
    }

    public record ErrorFrame(String type, String code, String message, String ref) {
        ErrorFrame(String code, String message, String ref) {
            this("error", code, message, ref);
        }
    }

    public record MessageView(long id, String channel, String user, String text, String image, String timestamp,
                       String clientId) {
        MessageView(Message m) {
            this(m.id(), m.channel(), m.user(), m.text(), m.image(), TIMESTAMP.format(m.timestamp()), m.clientId());
        }
    }

    /** A request from a client, its fields checked for presence and type. */
    record Request(String type, String channel, String text, String image, String clientId, long before) {
    }

    /** A frame that is not a well-formed request; {@code ref} is its type when that could be read. */
    static final class BadFrame extends Exception {
        final String ref;

        BadFrame(String ref, String message) {
            super(message, null, false, false);
            this.ref = ref;
        }
    }

    static String encode(Object frame) {
        return Json.JSONB.toJson(frame);
    }

    static Request parse(String text) throws BadFrame {
        JsonObject o;
        try (JsonParser parser = jakarta.json.Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new BadFrame(null, "A frame is one JSON object.");
            }
            o = parser.getObject();
            if (parser.hasNext()) {
                throw new BadFrame(null, "A frame is one JSON object and nothing after it.");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new BadFrame(null, "The frame is not valid JSON.");
        }
        JsonValue typeValue = o.get("type");
        if (!(typeValue instanceof JsonString typeString)) {
            throw new BadFrame(null, "A frame needs a string 'type'.");
        }
        String type = typeString.getString();
        if (!TYPES.contains(type)) {
            throw new BadFrame(type, "Unknown type '" + type + "'.");
        }
        String channel = requiredString(o, "channel", type);
        return switch (type) {
            case "older" -> new Request(type, channel, null, null, null, requiredId(o, "before", type));
            case "send" -> new Request(type, channel, requiredString(o, "text", type),
                    optionalString(o, "image", type), clientId(o, type), 0);
            default -> new Request(type, channel, null, null, null, 0);
        };
    }

    private static List<MessageView> views(List<Message> messages) {
        return messages.stream().map(MessageView::new).toList();
    }

    private static String requiredString(JsonObject o, String field, String type) throws BadFrame {
        if (o.get(field) instanceof JsonString s) {
            return s.getString();
        }
        throw new BadFrame(type, "'" + type + "' needs a string '" + field + "'.");
    }

    private static String optionalString(JsonObject o, String field, String type) throws BadFrame {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new BadFrame(type, "'" + field + "' must be a string or null.");
    }

    private static String clientId(JsonObject o, String type) throws BadFrame {
        String id = optionalString(o, "clientId", type);
        if (id != null && (id.isEmpty() || id.codePointCount(0, id.length()) > MAX_CLIENT_ID)) {
            throw new BadFrame(type, "'clientId' has 1 to " + MAX_CLIENT_ID + " characters.");
        }
        return id;
    }

    private static long requiredId(JsonObject o, String field, String type) throws BadFrame {
        if (o.get(field) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooBig) {
                return Long.MAX_VALUE;
            }
        }
        throw new BadFrame(type, "'" + type + "' needs a whole number '" + field + "'.");
    }
}
