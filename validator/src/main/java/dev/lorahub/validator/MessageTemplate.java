package dev.lorahub.validator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Filler of English message templates whose placeholders {@code {0}}, {@code {1}}, … name finding arguments. */
public final class MessageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private MessageTemplate() {}

    /**
     * Replaces each placeholder with {@code String.valueOf} of its argument, in one pass so that braces
     * inside an argument stay as they are. A placeholder without an argument stays in the text.
     */
    public static String fill(String template, List<Object> arguments) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder message = new StringBuilder();
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            String value = index < arguments.size() ? String.valueOf(arguments.get(index)) : matcher.group();
            matcher.appendReplacement(message, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(message);
        return message.toString();
    }
}
