package dev.lorahub.app;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser stand-in for the web pages: keeps the cookies the hub sets, posts forms URL-encoded and does not follow
 * redirects, so tests see each 303 and its {@code Location}.
 */
final class WebBrowser {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String language;

    WebBrowser(String language) {
        this.language = language;
    }

    WebBrowser() {
        this("en");
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Posts a form; the arguments are field names and values in turn. */
    HttpResponse<String> post(String path, String... fields) {
        String body = formBody(fields);
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Returns the value of the first hidden {@code csrf} field of a page. */
    static String csrfField(HttpResponse<String> page) {
        Matcher matcher = CSRF_FIELD.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no csrf field in the page: " + page.body());
        }
        return matcher.group(1);
    }

    /** Returns the {@code Set-Cookie} header that sets the named cookie, or null. */
    static String setCookieHeader(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(HubClient.uri(path)).header("Accept-Language", language);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        keepCookies(response.headers().allValues("Set-Cookie"));
        return response;
    }

    private void keepCookies(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String formBody(String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}
