package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.config.Threads;
import chat.flack.domain.ChatStore;
import chat.flack.domain.Direct;
import chat.flack.domain.StoreException;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Message;
import chat.flack.domain.Message.Reaction;
import chat.flack.domain.Names;
import chat.flack.domain.SearchQuery;
import chat.flack.domain.Texts;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The chat in a relational database: an H2 file in the data folder by default, PostgreSQL
 * when {@code FLACK_DB_URL} names one. Flyway keeps the schema; HikariCP pools connections.
 */
public final class JdbcChatStore implements ChatStore {

    /** SQLSTATE of a unique constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String MESSAGE_COLUMNS = "id, channel_id, user_name, user_key, body, image, created_at,"
            + " client_id, login_id, mentions, edited_at, deleted, version, reaction_count, image_width, image_height";

    private final Threads threads = new Threads();
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String description;
    private final Path dataDir;
    private final Path uploadDir;

    public JdbcChatStore(Settings settings) {
        HikariConfig config = new HikariConfig();
        if (settings.embeddedDatabase()) {
            Path file = settings.dataDir().resolve("flack");
            // WRITE_DELAY=0: a commit reaches the file before it returns, so a process crash loses nothing.
            config.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            config.setDriverClassName("org.h2.Driver");
            config.setUsername("flack");
            config.setPassword("");
            description = "embedded H2 database " + file + ".mv.db";
            dialect = Dialect.H2;
        } else {
            config.setJdbcUrl(settings.dbUrl());
            // Named, because DriverManager does not see drivers inside a web application.
            config.setDriverClassName(settings.dbUrl().startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver");
            config.setUsername(settings.dbUser());
            config.setPassword(settings.dbPassword());
            description = settings.dbUrl().replaceAll("\\?.*", "");
            dialect = settings.dbUrl().startsWith("jdbc:h2:") ? Dialect.H2 : Dialect.POSTGRESQL;
        }
        config.setPoolName("flack");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        config.setThreadFactory(threads.daemons("flack-db-pool"));
        this.pool = new HikariDataSource(config);
        this.dataDir = settings.dataDir();
        this.uploadDir = settings.uploadDir();
    }

    @Override
    public Snapshot load() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data folder " + dataDir, e);
        }
        try {
            Flyway.configure(getClass().getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .javaMigrations(new V2__RepairIllFormedText(), new V7__ClaimStoredNames(),
                            new V10__RecordImageSizes(uploadDir), new V16__IndexSearchWords())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot prepare the schema of " + description + ": " + rootMessage(e), e);
        }
        return inTransaction(c -> {
            List<ChannelPosition> channels = positions(c);
            List<StoredLogin> users = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select name, name_key, login_id, session_hash, last_seen from users")) {
                while (rs.next()) {
                    users.add(login(rs));
                }
            }
            return new Snapshot(channels, users);
        });
    }

    @Override
    public boolean insertUser(LoginUser user, String sessionHash, Instant at) {
        Set<String> skeletons = Names.skeletons(user.name());
        try {
            return inTransaction(c -> {
                if (exists(c, "select 1 from users where name_key = ?", user.key())
                        || claimed(c, "user_claims", skeletons)) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement("insert into users"
                        + " (name_key, name, login_id, session_hash, created_at, last_seen) values (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, user.key());
                    ps.setString(2, user.name());
                    ps.setString(3, user.loginId());
                    ps.setString(4, sessionHash);
                    ps.setLong(5, at.toEpochMilli());
                    ps.setLong(6, at.toEpochMilli());
                    ps.executeUpdate();
                }
                claim(c, "user_claims", skeletons, user.key());
                return true;
            });
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                // Another writer (another node) stored the name, or a look-alike, a moment ago.
                return false;
            }
            throw e;
        }
    }

    /** Whether a query with one string parameter finds a row. */
    private static boolean exists(Connection c, String query, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether any of {@code skeletons} is claimed in the claims table {@code claims}. */
    private static boolean claimed(Connection c, String claims, Set<String> skeletons) throws SQLException {
        for (String skeleton : skeletons) {
            if (exists(c, "select 1 from " + claims + " where skeleton = ?", skeleton)) {
                return true;
            }
        }
        return false;
    }

    private static void claim(Connection c, String claims, Set<String> skeletons, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + claims + " (skeleton, name_key) values (?, ?)")) {
            for (String skeleton : skeletons) {
                ps.setString(1, skeleton);
                ps.setString(2, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static boolean isUniqueViolation(StoreException e) {
        return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }

    @Override
    public Set<String> loginIds() {
        return inTransaction(c -> {
            Set<String> ids = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select login_id from users")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public Optional<StoredLogin> findLogin(String sessionHash) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select name, name_key, login_id, session_hash, last_seen from users where session_hash = ?")) {
                ps.setString(1, sessionHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(login(rs)) : Optional.empty();
                }
            }
        });
    }

    private static StoredLogin login(ResultSet rs) throws SQLException {
        return new StoredLogin(new LoginUser(text(rs, 1), rs.getString(2), rs.getString(3)), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    @Override
    public void deleteUser(LoginUser user) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from users where name_key = ? and login_id = ?")) {
                ps.setString(1, user.key());
                ps.setString(2, user.loginId());
                if (ps.executeUpdate() == 0) {
                    return 0;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from user_claims where name_key = ?")) {
                ps.setString(1, user.key());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void rebindSession(LoginUser user, String sessionHash, Instant at) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update users set session_hash = ?, last_seen = ? where name_key = ? and login_id = ?")) {
                ps.setString(1, sessionHash);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, user.key());
                ps.setString(4, user.loginId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void touchUser(LoginUser user, Instant at) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update users set last_seen = ? where name_key = ? and login_id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, user.key());
                ps.setString(3, user.loginId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Long> insertChannel(String name, String key, Instant at) {
        Set<String> skeletons = Names.skeletons(name);
        try {
            return inTransaction(c -> {
                if (exists(c, "select 1 from channels where name_key = ?", key)
                        || claimed(c, "channel_claims", skeletons)) {
                    return Optional.empty();
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into channels (name_key, name, created_at) values (?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, key);
                    ps.setString(2, name);
                    ps.setLong(3, at.toEpochMilli());
                    ps.executeUpdate();
                    id = generatedId(ps);
                }
                claim(c, "channel_claims", skeletons, key);
                return Optional.of(id);
            });
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                // Another writer (another node) stored the name, or a look-alike, a moment ago.
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<Inserted> insertMessages(List<NewMessage> batch) {
        try {
            return inTransaction(c -> insert(c, batch, false, dialect));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            // A client id of the batch is stored already (a resend raced its first copy, maybe
            // from another node): again, looking each one up first.
            return inTransaction(c -> insert(c, batch, true, dialect));
        }
    }

    /**
     * Inserts the batch with one JDBC batch (one round trip on PostgreSQL), then moves the
     * senders' read positions and the channels' positions with one batch each. The ids the
     * database gives the rows of one statement rise in the order of the rows, and the channels'
     * rows are locked, so each message's previous id is the one before it in its channel.
     */
    private static List<Inserted> insert(Connection c, List<NewMessage> batch, boolean lookUpFirst,
                                         Dialect dialect) throws SQLException {
        Map<Long, Long> positions = lockChannels(c, batch, dialect);
        Inserted[] stored = new Inserted[batch.size()];
        List<Integer> inserted = new ArrayList<>(batch.size());
        // A message is read by its sender: each sender's read position moves to the newest one sent.
        Map<Reader, Long> sent = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into messages"
                + " (channel_id, user_name, user_key, body, image, created_at, client_id, login_id, mentions,"
                + " image_width, image_height, search_words) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < batch.size(); i++) {
                NewMessage m = batch.get(i);
                Optional<Message> existing = lookUpFirst && m.clientId() != null
                        ? byClientId(c, m.channel(), m.userKey(), m.clientId()) : Optional.empty();
                if (existing.isPresent()) {
                    stored[i] = new Inserted(existing.get(), true, 0);
                    continue;
                }
                ps.setLong(1, m.channel().id());
                ps.setString(2, m.user());
                ps.setString(3, m.userKey());
                ps.setString(4, m.text());
                ps.setString(5, m.image());
                ps.setLong(6, m.at().toEpochMilli());
                ps.setString(7, m.clientId());
                ps.setString(8, m.loginId());
                ps.setString(9, joined(m.mentions()));
                ps.setObject(10, m.imageSize() == null ? null : m.imageSize().width(), Types.INTEGER);
                ps.setObject(11, m.imageSize() == null ? null : m.imageSize().height(), Types.INTEGER);
                ps.setString(12, MessageSearch.words(m.text()));
                ps.addBatch();
                inserted.add(i);
            }
            if (!inserted.isEmpty()) {
                ps.executeBatch();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    for (int i : inserted) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned fewer generated ids than rows");
                        }
                        NewMessage m = batch.get(i);
                        long id = keys.getLong(1);
                        long previous = positions.put(m.channel().id(), id);
                        if (m.loginId() != null) {
                            sent.merge(new Reader(m.loginId(), m.channel().id()), id, Math::max);
                        }
                        stored[i] = new Inserted(Message.sent(id, m.channel().name(), m.user(), m.userKey(),
                                m.text(), m.image(), m.imageSize(), m.at(), m.clientId(), m.loginId(),
                                m.mentions()), false, previous);
                    }
                }
            }
        }
        moveReadPositions(c, sent, dialect);
        try (PreparedStatement ps = c.prepareStatement("update channels set last_message_id = ? where id = ?")) {
            for (Map.Entry<Long, Long> p : positions.entrySet()) {
                ps.setLong(1, p.getValue());
                ps.setLong(2, p.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return List.of(stored);
    }

    /** A login reading a channel. */
    private record Reader(String loginId, long channelId) {
    }

    /**
     * What the two databases need said differently.
     *
     * @param channelLock how a writer locks a channel's row: on PostgreSQL against other writers
     *                    only ({@code for no key update}), not against the key check of a read
     *                    position's insert, which would wait for it while it waits for that
     *                    insert (a deadlock); H2 has only {@code for update}
     * @param moveRead    a reader's position moved forward (login id, channel id, message id):
     *                    on PostgreSQL an insert that takes a row inserted meanwhile as a
     *                    conflict to update (its MERGE would fail on the key instead); H2's
     *                    standard MERGE
     */
    private record Dialect(String channelLock, String moveRead) {

        static final Dialect H2 = new Dialect("for update", "merge into read_positions r"
                + " using (values (cast(? as varchar(64)), cast(? as bigint), cast(? as bigint))) v (login_id, channel_id, pos)"
                + " on r.login_id = v.login_id and r.channel_id = v.channel_id"
                + " when matched and r.last_read_id < v.pos then update set last_read_id = v.pos"
                + " when not matched then insert (login_id, channel_id, last_read_id) values (v.login_id, v.channel_id, v.pos)");

        static final Dialect POSTGRESQL = new Dialect("for no key update",
                "insert into read_positions (login_id, channel_id, last_read_id) values (?, ?, ?)"
                        + " on conflict (login_id, channel_id) do update set last_read_id = excluded.last_read_id"
                        + " where read_positions.last_read_id < excluded.last_read_id");
    }

    /**
     * Locks the rows of the batch's channels, in id order (so two writers never wait on each
     * other in a circle), and returns their positions.
     */
    private static Map<Long, Long> lockChannels(Connection c, List<NewMessage> batch, Dialect dialect)
            throws SQLException {
        TreeMap<Long, Long> positions = new TreeMap<>();
        batch.forEach(m -> positions.put(m.channel().id(), 0L));
        try (PreparedStatement ps = c.prepareStatement(
                "select last_message_id from channels where id = ? " + dialect.channelLock())) {
            for (Map.Entry<Long, Long> p : positions.entrySet()) {
                ps.setLong(1, p.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no channel " + p.getKey());
                    }
                    p.setValue(rs.getLong(1));
                }
            }
        }
        return positions;
    }

    @Override
    public List<Message> messagesBefore(StoredChannel channel, long beforeId, int limit) {
        List<Message> newestFirst = messages(channel, "id < ? order by id desc", beforeId, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<Message> messagesAfter(StoredChannel channel, long afterId, int limit) {
        return messages(channel, "id > ? order by id", afterId, limit);
    }

    /** Up to {@code limit} messages of a channel, chosen and ordered by {@code condition} on one id. */
    private List<Message> messages(StoredChannel channel, String condition, long id, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + MESSAGE_COLUMNS
                    + " from messages where channel_id = ? and " + condition + " fetch first ? rows only")) {
                ps.setLong(1, channel.id());
                ps.setLong(2, id);
                ps.setInt(3, limit);
                return read(c, ps, channel);
            }
        });
    }

    /**
     * The messages a query finds, with their reactions: read in one more query, over the id
     * range of the messages that have any.
     */
    private static List<Message> read(Connection c, PreparedStatement query, StoredChannel channel)
            throws SQLException {
        List<Message> found = new ArrayList<>();
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Message m = message(rs, channel);
                found.add(m);
                if (rs.getInt(14) > 0) {
                    low = Math.min(low, m.id());
                    high = Math.max(high, m.id());
                }
            }
        }
        if (low > high) {
            return found;
        }
        Map<Long, Map<String, List<String>>> reactions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select message_id, emoji, user_name from reactions"
                + " where channel_id = ? and message_id between ? and ? order by id")) {
            ps.setLong(1, channel.id());
            ps.setLong(2, low);
            ps.setLong(3, high);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reactions.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(text(rs, 3));
                }
            }
        }
        found.replaceAll(m -> reactions.containsKey(m.id()) ? withReactions(m, reactions.get(m.id())) : m);
        return found;
    }

    private static Message withReactions(Message m, Map<String, List<String>> byEmoji) {
        List<Reaction> reactions = byEmoji.entrySet().stream().map(e -> new Reaction(e.getKey(), e.getValue())).toList();
        return new Message(m.id(), m.channel(), m.user(), m.userKey(), m.text(), m.image(), m.timestamp(),
                m.clientId(), m.loginId(), m.mentions(), m.edited(), m.deleted(), reactions, m.version(),
                m.imageWidth(), m.imageHeight());
    }

    @Override
    public List<Message> search(List<StoredChannel> scope, SearchQuery query, long beforeId, int limit) {
        if (scope.isEmpty() || limit <= 0) {
            return List.of();
        }
        return inTransaction(c -> {
            Map<Long, StoredChannel> found = MessageSearch.find(c, scope, query, beforeId, limit);
            Map<Long, Message> byId = new HashMap<>();
            for (StoredChannel channel : new LinkedHashSet<>(found.values())) {
                List<Long> ids = found.entrySet().stream().filter(e -> e.getValue().equals(channel))
                        .map(Map.Entry::getKey).toList();
                try (PreparedStatement ps = c.prepareStatement("select " + MESSAGE_COLUMNS
                        + " from messages where channel_id = ? and id = any (?)")) {
                    ps.setLong(1, channel.id());
                    ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                    read(c, ps, channel).forEach(m -> byId.put(m.id(), m));
                }
            }
            return found.keySet().stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public Optional<Changed> change(StoredChannel channel, long id, Function<Message, Change> decide) {
        return inTransaction(c -> {
            Optional<Message> current = locked(c, channel, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Change change = decide.apply(current.get());
            if (change instanceof Change.Keep) {
                return Optional.of(new Changed(current.get(), false));
            }
            apply(c, channel, id, change);
            return Optional.of(new Changed(locked(c, channel, id).orElseThrow(), true));
        });
    }

    private static Optional<Message> locked(Connection c, StoredChannel channel, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + MESSAGE_COLUMNS
                + " from messages where id = ? and channel_id = ? for update")) {
            ps.setLong(1, id);
            ps.setLong(2, channel.id());
            return read(c, ps, channel).stream().findFirst();
        }
    }

    private static void apply(Connection c, StoredChannel channel, long id, Change change) throws SQLException {
        if (change instanceof Change.SetText edit) {
            update(c, "update messages set body = ?, mentions = ?, edited_at = ?, search_words = ?,"
                    + " version = version + 1 where id = ?",
                    edit.text(), joined(edit.mentions()), edit.at().toEpochMilli(), MessageSearch.words(edit.text()), id);
        } else if (change instanceof Change.Delete) {
            update(c, "delete from reactions where message_id = ?", id);
            update(c, "update messages set body = '', image = null, image_width = null, image_height = null,"
                    + " mentions = null, search_words = null, deleted = true, reaction_count = 0, version = version + 1"
                    + " where id = ?", id);
        } else if (change instanceof Change.React react && react.on()) {
            update(c, "insert into reactions (message_id, channel_id, emoji, user_key, user_name) values (?, ?, ?, ?, ?)",
                    id, channel.id(), react.emoji(), react.userKey(), react.userName());
            update(c, "update messages set reaction_count = reaction_count + 1, version = version + 1 where id = ?", id);
        } else if (change instanceof Change.React react) {
            update(c, "delete from reactions where message_id = ? and emoji = ? and user_key = ?",
                    id, react.emoji(), react.userKey());
            update(c, "update messages set reaction_count = reaction_count - 1, version = version + 1 where id = ?", id);
        }
    }

    /** Runs a statement whose parameters are strings and longs, in order. */
    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) parameters[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    @Override
    public List<ChannelPosition> positions() {
        return inTransaction(JdbcChatStore::positions);
    }

    private static List<ChannelPosition> positions(Connection c) throws SQLException {
        List<ChannelPosition> channels = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "select id, name, name_key, direct, last_message_id from channels order by id")) {
            while (rs.next()) {
                channels.add(new ChannelPosition(new StoredChannel(rs.getLong(1), text(rs, 2), rs.getString(3)),
                        rs.getBoolean(4), rs.getLong(5)));
            }
        }
        return channels;
    }

    @Override
    public void moveReadPosition(String loginId, long channelId, long id) {
        inTransaction(c -> {
            moveReadPositions(c, Map.of(new Reader(loginId, channelId), id), dialect);
            return null;
        });
    }

    /** Moves each reader's position forward to its id (never back), with one batch. */
    private static void moveReadPositions(Connection c, Map<Reader, Long> positions, Dialect dialect)
            throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.moveRead())) {
            for (Map.Entry<Reader, Long> p : positions.entrySet()) {
                ps.setString(1, p.getKey().loginId());
                ps.setLong(2, p.getKey().channelId());
                ps.setLong(3, p.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A login's read channels (its read positions) and its direct conversations it has no
     * read position in yet (read from their start), with the counts from there. Two selects
     * joined at the top: H2 keeps a cache entry per run of a query whose derived table holds a
     * subquery, for as long as the connection prepares nothing new, so the two are not one
     * derived table ({@code from (select ... union all select ...) r}).
     */
    @Override
    public List<UnreadCount> unread(String loginId, String name, Long channelId) {
        String only = channelId == null ? "" : " and c.id = ?";
        String sql = unreadSelect("r.last_read_id") + " from read_positions r join channels c on c.id = r.channel_id"
                + " where r.login_id = ?" + only
                + " union all " + unreadSelect("0") + " from direct_members d join channels c on c.id = d.channel_id"
                + " where d.login_id = ? and not exists (select 1 from read_positions p"
                + " where p.login_id = d.login_id and p.channel_id = d.channel_id)" + only;
        String mentioned = "%\n" + name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "\n%";
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (int part = 0; part < 2; part++) {
                    ps.setString(i++, loginId);
                    ps.setString(i++, loginId);
                    ps.setString(i++, "\n");
                    ps.setString(i++, "\n");
                    ps.setString(i++, mentioned);
                    ps.setString(i++, loginId);
                    if (channelId != null) {
                        ps.setLong(i++, channelId);
                    }
                }
                List<UnreadCount> counts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new UnreadCount(new StoredChannel(rs.getLong(1), text(rs, 2), rs.getString(3)),
                                rs.getBoolean(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getLong(8)));
                    }
                }
                return counts;
            }
        });
    }

    /** The columns of {@link #unread} for channel {@code c} read up to {@code readPosition}: 5 parameters. */
    private static String unreadSelect(String readPosition) {
        String counted = " from messages m where m.channel_id = c.id and m.id > " + readPosition
                + " and m.id <= c.last_message_id and not m.deleted and (m.login_id is null or m.login_id <> ?)";
        return "select c.id, c.name, c.name_key, c.direct, " + readPosition + ","
                + " (select count(*)" + counted + "),"
                + " (select count(*)" + counted + " and (c.direct or (? || m.mentions || ?) like ? escape '!')),"
                + " c.last_message_id";
    }

    @Override
    public Direct insertDirect(Direct wanted, Instant at) {
        try {
            return inTransaction(c -> {
                Optional<Direct> existing = directOfPair(c, wanted.pair());
                if (existing.isPresent()) {
                    return existing.get();
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into channels (name_key, name, created_at, direct) values (?, ?, ?, true)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, wanted.channel().key());
                    ps.setString(2, wanted.channel().name());
                    ps.setLong(3, at.toEpochMilli());
                    ps.executeUpdate();
                    id = generatedId(ps);
                }
                try (PreparedStatement ps = c.prepareStatement("insert into direct_members"
                        + " (channel_id, login_id, user_key, user_name) values (?, ?, ?, ?)")) {
                    for (Direct.Member m : List.of(wanted.first(), wanted.second())) {
                        ps.setLong(1, id);
                        ps.setString(2, m.loginId());
                        ps.setString(3, m.key());
                        ps.setString(4, m.name());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                update(c, "insert into direct_pairs (pair, channel_id) values (?, ?)", wanted.pair(), id);
                return new Direct(new StoredChannel(id, wanted.channel().name(), wanted.channel().key()),
                        wanted.first(), wanted.second());
            });
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                // Another writer (another node) stored this pair's conversation a moment ago.
                return inTransaction(c -> directOfPair(c, wanted.pair()).orElseThrow(() -> e));
            }
            throw e;
        }
    }

    private static Optional<Direct> directOfPair(Connection c, String pair) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select channel_id from direct_pairs where pair = ?")) {
            ps.setString(1, pair);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return directs(c, List.of(rs.getLong(1))).stream().findFirst();
            }
        }
    }

    @Override
    public List<Direct> directs(Collection<Long> ids) {
        return inTransaction(c -> directs(c, ids));
    }

    private static List<Direct> directs(Connection c, Collection<Long> ids) throws SQLException {
        String only = ids == null ? "" : " and c.id in (" + String.join(",", ids.stream().map(id -> "?").toList()) + ")";
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Direct.Member>> members = new LinkedHashMap<>();
        Map<Long, StoredChannel> channels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select c.id, c.name, c.name_key, m.login_id, m.user_key,"
                + " m.user_name from channels c join direct_members m on m.channel_id = c.id where c.direct" + only
                + " order by c.id, m.login_id")) {
            int i = 1;
            for (long id : ids == null ? List.<Long>of() : ids) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    channels.putIfAbsent(id, new StoredChannel(id, rs.getString(2), rs.getString(3)));
                    members.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new Direct.Member(rs.getString(4), rs.getString(5), text(rs, 6)));
                }
            }
        }
        List<Direct> found = new ArrayList<>();
        members.forEach((id, two) -> {
            if (two.size() == 2) {
                found.add(new Direct(channels.get(id), two.get(0), two.get(1)));
            }
        });
        return found;
    }

    @Override
    public Optional<Message> findByClientId(StoredChannel channel, String userKey, String clientId) {
        return inTransaction(c -> byClientId(c, channel, userKey, clientId));
    }

    @Override
    public Optional<Message> findStored(NewMessage m) {
        if (m.clientId() != null) {
            return findByClientId(m.channel(), m.userKey(), m.clientId());
        }
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + MESSAGE_COLUMNS + " from messages"
                    + " where channel_id = ? and user_key = ? and created_at = ? and body = ?"
                    + " and (image = ? or (image is null and ? is null)) order by id fetch first 1 rows only")) {
                ps.setLong(1, m.channel().id());
                ps.setString(2, m.userKey());
                ps.setLong(3, m.at().toEpochMilli());
                ps.setString(4, m.text());
                ps.setString(5, m.image());
                ps.setString(6, m.image());
                return read(c, ps, m.channel()).stream().findFirst();
            }
        });
    }

    private static Optional<Message> byClientId(Connection c, StoredChannel channel, String userKey, String clientId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + MESSAGE_COLUMNS
                + " from messages where channel_id = ? and user_key = ? and client_id = ?")) {
            ps.setLong(1, channel.id());
            ps.setString(2, userKey);
            ps.setString(3, clientId);
            return read(c, ps, channel).stream().findFirst();
        }
    }

    @Override
    public boolean isImageUsed(String url) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from messages where image = ? fetch first 1 rows only")) {
                ps.setString(1, url);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean isHealthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        threads.awaitEnded(Duration.ofSeconds(5));
    }

    private static Message message(ResultSet rs, StoredChannel channel) throws SQLException {
        long edited = rs.getLong(11);
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        return new Message(rs.getLong(1), channel.name(), text(rs, 3), rs.getString(4), text(rs, 5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), text(rs, 8), rs.getString(9),
                split(rs.getString(10)), editedAt, rs.getBoolean(12), List.of(), rs.getInt(13),
                rs.getObject(15, Integer.class), rs.getObject(16, Integer.class));
    }

    /** Mentions as stored: display names, which hold no line break, one per line; null for none. */
    private static String joined(List<String> names) {
        return names.isEmpty() ? null : String.join("\n", names);
    }

    private static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }

    /** A stored string as it may be sent: one stored before the well-formedness rule can still be shown. */
    private static String text(ResultSet rs, int column) throws SQLException {
        return Texts.repaired(rs.getString(column));
    }

    private static long generatedId(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                // The database may have committed before the connection broke: nobody can tell.
                throw new StoreException(description + ": commit not confirmed: " + rootMessage(e), e, true);
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(description + ": " + rootMessage(e), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction dies with it
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
