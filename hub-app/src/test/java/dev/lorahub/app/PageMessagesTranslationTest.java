package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.web.PageMessages;
import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every English page text has a Simplified Chinese one, so no page mixes the two languages. */
class PageMessagesTranslationTest {

    @Test
    void everyPageTextTranslated() throws IOException {
        Set<String> english = Arrays.stream(PageMessages.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Message.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        Properties chinese = new Properties();
        try (InputStream in = PageMessages.class.getClassLoader()
                .getResourceAsStream("messages/msg_zh_CN.properties")) {
            assertThat(in).as("messages/msg_zh_CN.properties on the class path").isNotNull();
            chinese.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        assertThat(english).isNotEmpty();
        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english);
        assertThat(chinese.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
    }
}
