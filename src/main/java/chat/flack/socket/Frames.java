package chat.flack.socket;

import chat.flack.config.Json;
import chat.flack.domain.ChatService.History;
import chat.flack.domain.Message;
import chat.flack.domain.PresenceChanged.UserPresence;
import chat.flack.domain.Texts;
import chat.flack.domain.UnreadCounts;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The WebSocket frames of PROTOCOL.md: records for what the server sends, a strict reader for what it gets. */
public final class Frames {

    /**
     * Made once: {@code Json.createParser} looks the provider up with a {@code ServiceLoader}
     * at every call, which in a web application reads its jars' service files each time.
     */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> TYPES = Set.of("create", "join", "leave", "older", "newer", "send", "edit", "delete",
            "react", "typing", "direct", "read", "search");
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

    /**
     * A reply to {@code join}; {@code limit} is the page size, so a client knows when it has the
     * beginning; {@code read} the user's read position in the channel, null when not known.
     */
    public record HistoryFrame(String type, String channel, int limit, Long read, List<MessageView> messages) {
        HistoryFrame(History history, int limit) {
            this("history", history.channel(), limit, history.read(), views(history.messages()));
        }
    }

    public record OlderFrame(String type, String channel, long before, int limit, List<MessageView> messages) {
        OlderFrame(History history, long before, int limit) {
            this("history", history.channel(), before, limit, views(history.messages()));
        }
    }

    /** A reply to {@code newer}: the messages just after {@code after}; fewer than {@code limit} means the newest is reached. */
    public record NewerFrame(String type, String channel, long after, int limit, List<MessageView> messages) {
        NewerFrame(History history, long after, int limit) {
            this("history", history.channel(), after, limit, views(history.messages()));
        }
    }

    public record MessageFrame(String type, MessageView message) {
        MessageFrame(Message message) {
            this("message", new MessageView(message));
        }
    }

    /** A message as it is now, after an edit, a deletion or a reaction. */
    public record UpdateFrame(String type, MessageView message) {
        UpdateFrame(Message message) {
            this("update", new MessageView(message));
        }
    }

    public record TypingFrame(String type, String channel, String user) {
        TypingFrame(String channel, String user) {
            this("typing", channel, user);
        }
    }

    /** One of a user's direct conversations: its channel name and the other member. */
    public record DirectRef(String channel, String with) {
    }

    /** A user's direct conversations, newest first. */
    public record DirectsFrame(String type, List<DirectRef> directs) {
        DirectsFrame(List<DirectRef> directs) {
            this("directs", directs);
        }
    }

    /** A reply to {@code search}: matching messages, newest first, and whether older ones match too. */
    public record ResultsFrame(String type, String query, String channel, List<MessageView> messages, boolean more) {
        ResultsFrame(String query, String channel, List<Message> messages, boolean more) {
            this("results", query, channel, views(messages), more);
        }
    }

    /** The user's unread counts: every channel with unread messages. */
    public record UnreadFrame(String type, List<UnreadCounts.Entry> channels) {
        UnreadFrame(List<UnreadCounts.Entry> channels) {
            this("unread", channels);
        }
    }

    /** Who is online: everyone at first, then the changes. */
    public record PresenceFrame(String type, List<UserPresence> users) {
        PresenceFrame(List<UserPresence> users) {
            this("presence", users);
        }
    }

    public record ErrorFrame(String type, String code, String message, String ref) {
        ErrorFrame(String code, String message, String ref) {
            this("error", code, message, ref);
        }
    }

    public record MessageView(long id, String channel, String user, String text, String image, String timestamp,
                              String clientId, String author, List<String> mentions, String edited, boolean deleted,
                              List<Message.Reaction> reactions, Integer imageWidth, Integer imageHeight) {
        MessageView(Message m) {
            this(m.id(), m.channel(), m.user(), m.text(), m.image(), TIMESTAMP.format(m.timestamp()), m.clientId(),
                    m.author(), m.mentions(), m.edited() == null ? null : TIMESTAMP.format(m.edited()), m.deleted(),
                    m.reactions(), m.imageWidth(), m.imageHeight());
        }
    }

    /** A request from a client, one record per {@code type}, its fields checked for presence, type and form. */
    sealed interface Request permits Create, Join, Leave, Older, Newer, Send, Edit, Delete, React, TypingRequest,
            DirectRequest, Read, Search {
        String type();

        /** Hands this request to the {@code handler} method for its type (Java 17 has no pattern switch). */
        void handleBy(Handler handler);
    }

    /** One method per request type, so that a new type cannot be left unhandled. */
    interface Handler {
        void create(Create request);

        void join(Join request);

        void leave(Leave request);

        void older(Older request);

        void newer(Newer request);

        void send(Send request);

        void edit(Edit request);

        void delete(Delete request);

        void react(React request);

        void typing(TypingRequest request);

        void direct(DirectRequest request);

        void read(Read request);

        void search(Search request);
    }

    record Create(String channel) implements Request {
        public String type() {
            return "create";
        }

        public void handleBy(Handler handler) {
            handler.create(this);
        }
    }

    record Join(String channel) implements Request {
        public String type() {
            return "join";
        }

        public void handleBy(Handler handler) {
            handler.join(this);
        }
    }

    record Leave(String channel) implements Request {
        public String type() {
            return "leave";
        }

        public void handleBy(Handler handler) {
            handler.leave(this);
        }
    }

    record Older(String channel, long before) implements Request {
        public String type() {
            return "older";
        }

        public void handleBy(Handler handler) {
            handler.older(this);
        }
    }

    record Newer(String channel, long after) implements Request {
        public String type() {
            return "newer";
        }

        public void handleBy(Handler handler) {
            handler.newer(this);
        }
    }

    record Send(String channel, String text, String image, String clientId) implements Request {
        public String type() {
            return "send";
        }

        public void handleBy(Handler handler) {
            handler.send(this);
        }
    }

    record Edit(String channel, long id, String text) implements Request {
        public String type() {
            return "edit";
        }

        public void handleBy(Handler handler) {
            handler.edit(this);
        }
    }

    record Delete(String channel, long id) implements Request {
        public String type() {
            return "delete";
        }

        public void handleBy(Handler handler) {
            handler.delete(this);
        }
    }

    record React(String channel, long id, String emoji, boolean on) implements Request {
        public String type() {
            return "react";
        }

        public void handleBy(Handler handler) {
            handler.react(this);
        }
    }

    record TypingRequest(String channel) implements Request {
        public String type() {
            return "typing";
        }

        public void handleBy(Handler handler) {
            handler.typing(this);
        }
    }

    record DirectRequest(String user) implements Request {
        public String type() {
            return "direct";
        }

        public void handleBy(Handler handler) {
            handler.direct(this);
        }
    }

    /** {@code channel} null for every channel the user may read; {@code before} {@link Long#MAX_VALUE} for the newest. */
    record Search(String query, String channel, long before) implements Request {
        public String type() {
            return "search";
        }

        public void handleBy(Handler handler) {
            handler.search(this);
        }
    }

    record Read(String channel, long id) implements Request {
        public String type() {
            return "read";
        }

        public void handleBy(Handler handler) {
            handler.read(this);
        }
    }

    /** A frame that is not a well-formed request; {@code ref} is its type when that could be read. */
    static final class BadFrame extends Exception {
        final String ref;

        BadFrame(String ref, String message) {
            super(message, null, false, false);
            this.ref = ref;
        }
    }

    /** {@code type} when it is one of the contract's request types, else "unknown" (for metrics tags). */
    static String knownType(String type) {
        return type != null && TYPES.contains(type) ? type : "unknown";
    }

    static String encode(Object frame) {
        return Json.JSONB.toJson(frame);
    }

    static Request parse(String text) throws BadFrame {
        JsonObject o;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new BadFrame(null, "A frame is one JSON object.");
            }
            o = parser.getObject();
            if (parser.hasNext()) {
                throw new BadFrame(null, "A frame is one JSON object and nothing after it.");
            }
        } catch (RuntimeException e) {
            // Parsson answers too deep a nesting or too long a number with plain runtime exceptions.
            throw new BadFrame(null, "The frame is not valid JSON, or is nested too deeply.");
        }
        JsonValue typeValue = o.get("type");
        if (!(typeValue instanceof JsonString typeString) || !Texts.wellFormed(typeString.getString())) {
            throw new BadFrame(null, "A frame needs a string 'type'.");
        }
        String type = typeString.getString();
        if (!TYPES.contains(type)) {
            throw new BadFrame(type, "Unknown type '" + Texts.forLog(type, 40) + "'.");
        }
        if (!wellFormed(o)) {
            throw new BadFrame(type, "Every string must be well-formed Unicode without NUL.");
        }
        if (type.equals("direct")) {
            return new DirectRequest(requiredString(o, "user", type));
        }
        if (type.equals("search")) {
            return new Search(requiredString(o, "query", type), optionalString(o, "channel", type),
                    o.get("before") == null || o.get("before") == JsonValue.NULL ? Long.MAX_VALUE
                            : requiredId(o, "before", type));
        }
        String channel = requiredString(o, "channel", type);
        return switch (type) {
            case "create" -> new Create(channel);
            case "join" -> new Join(channel);
            case "leave" -> new Leave(channel);
            case "older" -> new Older(channel, requiredId(o, "before", type));
            case "newer" -> new Newer(channel, requiredId(o, "after", type));
            case "send" -> new Send(channel, requiredString(o, "text", type), optionalString(o, "image", type),
                    clientId(o, type));
            case "edit" -> new Edit(channel, requiredId(o, "id", type), requiredString(o, "text", type));
            case "delete" -> new Delete(channel, requiredId(o, "id", type));
            case "react" -> new React(channel, requiredId(o, "id", type), requiredString(o, "emoji", type),
                    requiredBoolean(o, "on", type));
            case "typing" -> new TypingRequest(channel);
            case "read" -> new Read(channel, requiredId(o, "id", type));
            default -> throw new IllegalStateException("TYPES lists a type without a record: " + type);
        };
    }

    /** Whether every key and string in {@code value}, however deep, is well-formed. */
    private static boolean wellFormed(JsonValue value) {
        if (value instanceof JsonString s) {
            return Texts.wellFormed(s.getString());
        }
        if (value instanceof JsonObject o) {
            return o.entrySet().stream().allMatch(e -> Texts.wellFormed(e.getKey()) && wellFormed(e.getValue()));
        }
        if (value instanceof JsonArray a) {
            return a.stream().allMatch(Frames::wellFormed);
        }
        return true;
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

    private static boolean requiredBoolean(JsonObject o, String field, String type) throws BadFrame {
        JsonValue v = o.get(field);
        if (v != null && (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE)) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new BadFrame(type, "'" + type + "' needs a true or false '" + field + "'.");
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
