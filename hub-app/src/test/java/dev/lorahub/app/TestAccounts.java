package dev.lorahub.app;

import io.restassured.path.json.JsonPath;
import java.net.HttpCookie;
import java.net.http.HttpResponse;

/** Makes accounts, logins and tokens through the REST API, as a user or an admin script would. */
final class TestAccounts {

    static final String PASSWORD = "correct horse battery";

    private TestAccounts() {
    }

    /** A web login: the session cookie to send back and the CSRF token for changes. */
    record Login(String cookie, String csrf) {

        String[] headers() {
            return new String[] {"Cookie", cookie, "X-CSRF-Token", csrf};
        }

        String[] cookieOnly() {
            return new String[] {"Cookie", cookie};
        }
    }

    /** A token as made: its id and its text. */
    record Token(long id, String text) {
    }

    /** Creates an account with {@link #PASSWORD} through the admin API and returns its id. */
    static long createUser(String username) {
        HttpResponse<String> created = HubClient.send("POST", "/api/v1/users", HubClient.ADMIN_TOKEN,
                "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}");
        expect(created, 201);
        return JsonPath.from(created.body()).getLong("id");
    }

    static Login login(String username, String password) {
        HttpResponse<String> response = HubClient.send("POST", "/api/v1/auth/login", null,
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        expect(response, 200);
        return new Login(sessionCookie(response), JsonPath.from(response.body()).getString("csrfToken"));
    }

    /** Returns {@code lorahub_session=<value>} from the response's Set-Cookie header. */
    static String sessionCookie(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getName().equals("lorahub_session")) {
                    return cookie.getName() + "=" + cookie.getValue();
                }
            }
        }
        throw new AssertionError("no lorahub_session cookie in " + response.headers().map());
    }

    static Token makeToken(Login login, String name, String scope) {
        HttpResponse<String> response = HubClient.send("POST", "/api/v1/tokens", null,
                "{\"name\": \"" + name + "\", \"scope\": \"" + scope + "\"}", login.headers());
        expect(response, 201);
        JsonPath token = JsonPath.from(response.body());
        return new Token(token.getLong("id"), token.getString("token"));
    }

    static void revoke(Token token, String byToken) {
        expect(HubClient.send("DELETE", "/api/v1/tokens/" + token.id(), byToken, null), 200);
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return response;
    }
}
