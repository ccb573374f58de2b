package dev.lorahub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenID Connect provider on 127.0.0.1 for the login tests: discovery document, signing keys and a token endpoint
 * that trades each of {@link #PEOPLE}'s codes for that person's ID token. The keys are the RSA pair that
 * quarkus-test-oidc-server ships as privateKey.jwk and publicKey.jwk. The provider's own login page is left out: the
 * tests send the browser back to the hub with the code, as the provider would after a login.
 */
public class OidcProviderMock implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "lorahub-test";
    static final String CLIENT_SECRET = "client-secret-of-the-oidc-login-tests-only";
    static final String ADMIN_GROUP = "lorahub-admins";
    private static final String REALM = "/realms/lorahub";

    /** A person at the provider; a null claim is left out of the ID token. */
    record Person(String code, String subject, String preferredUsername, String email, List<String> groups) {
    }

    static final Person ALICE = new Person("code-alice", "sub-alice", "alice", "alice@example.org", List.of());
    /** Another subject whose preferred name differs from alice's only in letter case. */
    static final Person OTHER_ALICE = new Person("code-other-alice", "sub-other-alice", "Alice", null, List.of());
    static final Person BOB = new Person("code-bob", "sub-bob", "Bob Müller", null, List.of("staff", ADMIN_GROUP));
    /** A name with no character that usernames allow, and an e-mail address to fall back on. */
    static final Person WANG = new Person("code-wang", "sub-wang", "王小明", "wang.xm@example.org", List.of());
    /** A person whom only the audit test logs in, so that the first login, which creates the account, is its own. */
    static final Person CAROL = new Person("code-carol", "sub-carol", "carol", null, List.of());
    static final List<Person> PEOPLE = List.of(ALICE, OTHER_ALICE, BOB, WANG, CAROL);

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String issuer = "http://127.0.0.1:" + server.port() + REALM;

        server.stubFor(get(urlEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(json("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/certs", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                """.formatted(issuer))));
        server.stubFor(get(urlEqualTo(REALM + "/certs"))
                .willReturn(json("{\"keys\": [" + resource("publicKey.jwk") + "]}")));
        for (Person person : PEOPLE) {
            server.stubFor(post(urlEqualTo(REALM + "/token"))
                    .withRequestBody(containing("code=" + person.code()))
                    .willReturn(json("""
                            {"access_token": "opaque-access-token", "token_type": "Bearer", "expires_in": 3600,
                             "id_token": "%s"}
                            """.formatted(idToken(issuer, person)))));
        }

        return Map.of(
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private static String idToken(String issuer, Person person) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(person.subject())
                .audience(CLIENT_ID)
                .expiresIn(3600)
                .groups(Set.copyOf(person.groups()));
        if (person.preferredUsername() != null) {
            claims.preferredUserName(person.preferredUsername());
        }
        if (person.email() != null) {
            claims.claim("email", person.email());
        }
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String resource(String name) {
        try (InputStream in = OidcProviderMock.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test classpath (quarkus-test-oidc-server)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
