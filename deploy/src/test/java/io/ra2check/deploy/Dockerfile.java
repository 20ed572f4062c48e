package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's Dockerfile, parsed into stages and instructions (continuation lines joined, comments dropped):
 * the tests read what it would do. A stage's image is its FROM with the global ARGs' defaults put in (what a
 * build without --build-arg uses); {@link Stage#from()} keeps the FROM as written.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
        /** The arguments of an exec-form instruction (ENTRYPOINT ["a", "b"]). */
        List<String> execForm() {
            try {
                JsonNode array = JsonMapper.builder().build().readTree(arguments);
                if (!array.isArray()) {
                    throw new AssertionError(keyword + " is not in exec form: " + arguments);
                }
                List<String> list = new ArrayList<>();
                array.forEach(e -> list.add(e.asText()));
                return list;
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec form (JSON array): " + arguments);
            }
        }

        /** The flags (--from=build) and the remaining words of COPY, RUN ... */
        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    record Stage(String image, String from, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            List<Instruction> list = all(keyword);
            if (list.isEmpty()) {
                throw new AssertionError("the stage FROM " + image + " has no " + keyword);
            }
            return list.get(list.size() - 1);
        }
    }

    private static final Pattern FROM = Pattern.compile("(?i)(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");
    private static final Pattern ARG = Pattern.compile("(\\w+)(?:=(.*))?");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    static Dockerfile read(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            logical.add(current.toString().strip());
            current.setLength(0);
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        for (String l : logical) {
            if (l.isEmpty()) {
                continue;
            }
            int space = l.indexOf(' ');
            String keyword = (space < 0 ? l : l.substring(0, space)).toUpperCase(Locale.ROOT);
            String rest = space < 0 ? "" : l.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                Matcher m = FROM.matcher(rest);
                if (!m.matches()) {
                    throw new AssertionError("unreadable FROM " + rest);
                }
                stages.add(new Stage(substitute(m.group(1), args), m.group(1), m.group(2), new ArrayList<>()));
            } else if (stages.isEmpty()) {
                Matcher m = ARG.matcher(rest);
                if (!keyword.equals("ARG") || !m.matches()) {
                    throw new AssertionError(keyword + " " + rest + " before the first FROM");
                }
                args.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, rest));
            }
        }
        return new Dockerfile(Map.copyOf(args), stages);
    }

    /** {@code ${NAME}} and {@code $NAME} replaced by the global ARG's default (unknown names are an error). */
    private static String substitute(String text, Map<String, String> args) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = args.get(name);
            if (value == null) {
                throw new AssertionError("FROM " + text + " uses $" + name + ", which no ARG before the first FROM "
                        + "declares");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }
}
