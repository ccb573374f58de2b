package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sign-up page of a hub started with {@code lorahub.accounts.signup=false}. */
@QuarkusTest
@TestProfile(H2FolderSignupOffTest.SignupOff.class)
class H2FolderSignupOffTest {

    /** The H2 profile with sign-up switched off. */
    public static class SignupOff extends H2FolderProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("lorahub.accounts.signup", "false");
            return overrides;
        }
    }

    @Test
    void signupFormRefused() {
        HttpResponse<String> english = new WebBrowser().get("/signup");
        HttpResponse<String> chinese = new WebBrowser("zh-CN").get("/signup");

        assertThat(english.statusCode()).isEqualTo(403);
        assertThat(english.body()).contains("Sign-up is switched off").contains("Ask an admin for an account.");
        assertThat(english.body()).doesNotContain("action=\"/signup\"");
        assertThat(chinese.statusCode()).isEqualTo(403);
        assertThat(chinese.body()).contains("本站不开放注册");
    }

    @Test
    void signupPostRefused() {
        WebBrowser browser = new WebBrowser();
        String csrf = WebBrowser.csrfField(browser.get("/login"));

        HttpResponse<String> posted = browser.post("/signup", "username", "would-be", "password", "long enough 1",
                "repeat", "long enough 1", "csrf", csrf);

        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(WebBrowser.setCookieHeader(posted, "lorahub_session")).isNull();
        String loginCsrf = WebBrowser.csrfField(browser.get("/login"));
        HttpResponse<String> login = browser.post("/login", "username", "would-be", "password", "long enough 1",
                "csrf", loginCsrf);
        assertThat(login.statusCode()).isEqualTo(401);
    }

    @Test
    void loginPageHasNoSignupLink() {
        HttpResponse<String> login = new WebBrowser().get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"/login\"").doesNotContain("No account yet?");
    }
}
