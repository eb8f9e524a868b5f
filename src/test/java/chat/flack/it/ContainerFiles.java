package chat.flack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the container files say, so that the tests check the image's and the compose
 * file's real settings: docker/Dockerfile (instructions by stage, the final stage's ENV),
 * docker/compose.yaml (the block-style YAML it is written in) and pom.xml's properties.
 */
final class ContainerFiles {

    private ContainerFiles() {
    }

    /** The repository root (failsafe runs in the project's base folder). */
    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static Path dockerfile() {
        return root().resolve("docker/Dockerfile");
    }

    static Path compose() {
        return root().resolve("docker/compose.yaml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Dockerfile -------------------------------------------------------------------

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String args) {
    }

    /** The instructions of each build stage, in order; a stage starts with FROM. */
    static List<List<Instruction>> stages(String dockerfile) {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String raw : dockerfile.split("\r?\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && logical.length() == 0)) {
                continue; // comments (also inside a continued instruction) and blank lines
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction in = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : "");
            if (in.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (stages.isEmpty()) {
                continue; // ARG before the first FROM
            }
            stages.get(stages.size() - 1).add(in);
        }
        return stages;
    }

    static List<Instruction> finalStage(String dockerfile) {
        List<List<Instruction>> stages = stages(dockerfile);
        return stages.get(stages.size() - 1);
    }

    static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    /**
     * The environment the final stage sets with its ENV lines ({@code K=V ...} with quotes, or
     * the old {@code K V}); {@code $K} and {@code ${K}} of variables set before are replaced.
     */
    static Map<String, String> env(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String args : args(finalStage(dockerfile), "ENV")) {
            List<String> words = words(args);
            if (!words.get(0).contains("=")) {
                env.put(words.get(0), expand(args.strip().split("\\s+", 2)[1], env));
                continue;
            }
            for (String word : words) {
                int eq = word.indexOf('=');
                env.put(word.substring(0, eq), expand(word.substring(eq + 1), env));
            }
        }
        return env;
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Shell-like words: whitespace separates, quotes group, a backslash escapes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    // ---- pom.xml ----------------------------------------------------------------------

    /** A property of pom.xml's {@code <properties>}. */
    static String pomProperty(String name) {
        String pom = read(root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(pom);
        if (!m.find()) {
            throw new AssertionError("pom.xml has no property " + name);
        }
        return m.group(1).strip();
    }

    // ---- compose.yaml -----------------------------------------------------------------

    private record Line(int indent, String text, int number) {
    }

    /**
     * The block-style YAML subset the compose file is written in: mappings, lists of scalars,
     * plain or quoted scalars; a flow list ({@code [a, b]}) stays one string. Anything else
     * fails loudly, so the file keeps to what this reads (docker-compose validates the rest).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int n = 0; n < raw.length; n++) {
            String line = stripComment(raw[n]).stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (line.charAt(indent) == ' ') {
                indent++;
            }
            if (line.charAt(indent) == '\t') {
                throw new IllegalArgumentException("line " + (n + 1) + ": tab in indentation");
            }
            lines.add(new Line(indent, line.substring(indent), n + 1));
        }
        int[] pos = {0};
        Object top = block(lines, pos, 0);
        if (pos[0] != lines.size()) {
            throw new IllegalArgumentException("line " + lines.get(pos[0]).number() + ": unexpected indentation");
        }
        return (Map<String, Object>) top;
    }

    private static final Pattern KEY = Pattern.compile("([^\\s:\"'][^:]*?|\"[^\"]*\"|'[^']*'):(?:\\s+(.*))?");

    private static Object block(List<Line> lines, int[] pos, int indent) {
        if (isItem(lines.get(pos[0]).text())) {
            List<Object> list = new ArrayList<>();
            while (pos[0] < lines.size() && lines.get(pos[0]).indent() == indent && isItem(lines.get(pos[0]).text())) {
                Line line = lines.get(pos[0]++);
                String item = line.text().substring(1).strip();
                if (KEY.matcher(item).matches() && !item.startsWith("\"") && !item.startsWith("'")) {
                    throw new IllegalArgumentException("line " + line.number() + ": mappings in lists are not read here");
                }
                list.add(scalar(item));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (pos[0] < lines.size() && lines.get(pos[0]).indent() == indent && !isItem(lines.get(pos[0]).text())) {
            Line line = lines.get(pos[0]++);
            Matcher m = KEY.matcher(line.text());
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + line.number() + ": not a 'key: value' line: " + line.text());
            }
            String key = (String) scalar(m.group(1));
            String value = m.group(2) == null ? "" : m.group(2).strip();
            Object child = null;
            if (!value.isEmpty()) {
                child = scalar(value);
            } else if (pos[0] < lines.size()) {
                Line next = lines.get(pos[0]);
                if (next.indent() > indent || (next.indent() == indent && isItem(next.text()))) {
                    child = block(lines, pos, next.indent());
                }
            }
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("line " + line.number() + ": duplicate key " + key);
            }
            map.put(key, child);
        }
        return map;
    }

    private static boolean isItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    private static Object scalar(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
