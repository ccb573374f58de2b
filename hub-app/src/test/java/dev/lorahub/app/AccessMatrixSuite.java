package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every kind of caller × every visibility, asserting the exact status. Run once per storage layout
 * by the subclasses.
 *
 * <p>The rules under test: a revoked token gets 401 everywhere; anonymous callers get 401 on writes; a read token
 * gets 403 on writes; a private model is a 404 to anyone but its owner and admins, on reads and writes alike; another
 * user gets 403 when changing a model they can see; unlisted models are served but listed only for their owner and
 * admins.
 */
abstract class AccessMatrixSuite {

    /** Who sends the request. The read token and the revoked token belong to the owner. */
    enum Who {
        ANONYMOUS,
        OTHER,
        OWNER,
        ADMIN,
        READ_TOKEN,
        REVOKED_TOKEN
    }

    enum Visibility {
        PUBLIC,
        UNLISTED,
        PRIVATE;

        String apiName() {
            return name().toLowerCase();
        }
    }

    /** The accounts and models of one run, made once per test class because the database outlives test methods. */
    record World(String ownerName, Map<Who, String> tokens, Map<Visibility, Model> models,
            Map<Visibility, Model> versionTargets) {
    }

    record Model(long id, long versionId, String name, String sha256) {
    }

    private static final Map<Class<?>, World> WORLDS = new ConcurrentHashMap<>();

    World world() {
        return WORLDS.computeIfAbsent(getClass(), type -> build());
    }

    private static World build() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + suffix;
        String other = "other-" + suffix;
        TestAccounts.createUser(owner);
        TestAccounts.createUser(other);
        TestAccounts.Login ownerLogin = TestAccounts.login(owner, TestAccounts.PASSWORD);
        TestAccounts.Login otherLogin = TestAccounts.login(other, TestAccounts.PASSWORD);

        Map<Who, String> tokens = new EnumMap<>(Who.class);
        tokens.put(Who.OWNER, TestAccounts.makeToken(ownerLogin, "matrix write", "write").text());
        tokens.put(Who.OTHER, TestAccounts.makeToken(otherLogin, "matrix write", "write").text());
        tokens.put(Who.ADMIN, HubClient.ADMIN_TOKEN);
        tokens.put(Who.READ_TOKEN, TestAccounts.makeToken(ownerLogin, "matrix read", "read").text());
        TestAccounts.Token revoked = TestAccounts.makeToken(ownerLogin, "matrix revoked", "write");
        TestAccounts.revoke(revoked, tokens.get(Who.OWNER));
        tokens.put(Who.REVOKED_TOKEN, revoked.text());

        Map<Visibility, Model> models = new EnumMap<>(Visibility.class);
        Map<Visibility, Model> versionTargets = new EnumMap<>(Visibility.class);
        for (Visibility visibility : Visibility.values()) {
            models.put(visibility, upload(tokens.get(Who.OWNER), "matrix " + visibility.apiName() + " " + suffix,
                    visibility));
            versionTargets.put(visibility, upload(tokens.get(Who.OWNER),
                    "matrix versions " + visibility.apiName() + " " + suffix, visibility));
        }
        return new World(owner, tokens, models, versionTargets);
    }

    static Model upload(String token, String name, Visibility visibility) {
        HttpResponse<String> response = HubClient.uploadAs(token, "/api/v1/models", new MultipartBody()
                .metadata("{\"name\": \"" + name + "\", \"visibility\": \"" + visibility.apiName() + "\"}")
                .file("matrix.safetensors", SafetensorsBytes.randomTensor(UUID.randomUUID().hashCode(), 256)));
        TestAccounts.expect(response, 201);
        JsonPath model = JsonPath.from(response.body());
        return new Model(model.getLong("id"), model.getLong("modelVersions[0].id"), name,
                model.getString("modelVersions[0].files[0].hashes.SHA256"));
    }

    // ----- expectations -------------------------------------------------------------------------------------------

    /** Returns whether the caller may see a model of this visibility owned by OWNER. */
    static boolean sees(Who who, Visibility visibility) {
        return visibility != Visibility.PRIVATE || managesOwnersModels(who) || who == Who.READ_TOKEN;
    }

    static boolean lists(Who who, Visibility visibility) {
        return visibility == Visibility.PUBLIC || managesOwnersModels(who) || who == Who.READ_TOKEN;
    }

    static boolean managesOwnersModels(Who who) {
        return who == Who.OWNER || who == Who.ADMIN;
    }

    /** Returns the status of a read: the given success when seen, else 404, and 401 for a revoked token. */
    static int readStatus(Who who, Visibility visibility, int success) {
        if (who == Who.REVOKED_TOKEN) {
            return 401;
        }
        return sees(who, visibility) ? success : 404;
    }

    /** Returns the status of a change to OWNER's model. */
    static int writeStatus(Who who, Visibility visibility, int success) {
        return switch (who) {
            case ANONYMOUS, REVOKED_TOKEN -> 401;
            case READ_TOKEN -> 403;
            case OTHER -> visibility == Visibility.PRIVATE ? 404 : 403;
            case OWNER, ADMIN -> success;
        };
    }

    // ----- reads --------------------------------------------------------------------------------------------------

    @Test
    void readsHonourVisibility() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Visibility visibility : Visibility.values()) {
            Model model = world.models().get(visibility);
            for (Who who : Who.values()) {
                String token = world.tokens().get(who);
                String label = who + " on a " + visibility.apiName() + " model: ";
                check(softly, label + "GET model", HubClient.send("GET", "/api/v1/models/" + model.id(), token,
                        null), readStatus(who, visibility, 200));
                check(softly, label + "GET version", HubClient.send("GET", "/api/v1/model-versions/"
                        + model.versionId(), token, null), readStatus(who, visibility, 200));
                check(softly, label + "GET by-hash", HubClient.send("GET", "/api/v1/model-versions/by-hash/"
                        + model.sha256(), token, null), readStatus(who, visibility, 200));
                check(softly, label + "download a range", HubClient.send("GET", "/api/download/models/"
                        + model.versionId(), token, null, "Range", "bytes=0-0"), readStatus(who, visibility, 206));
                check(softly, label + "HEAD download", HubClient.send("HEAD", "/api/download/models/"
                        + model.versionId(), token, null), readStatus(who, visibility, 200));
                if (token != null) {
                    check(softly, label + "download with ?token=", HubClient.send("GET", "/api/download/models/"
                            + model.versionId() + "?token=" + token, null, null, "Range", "bytes=0-0"),
                            readStatus(who, visibility, 206));
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void byHashListSkipsHiddenModels() {
        World world = world();
        List<String> hashes = new ArrayList<>();
        world.models().values().forEach(model -> hashes.add("\"" + model.sha256() + "\""));
        String body = "[" + String.join(",", hashes) + "]";
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            HttpResponse<String> response = HubClient.send("POST", "/api/v1/model-versions/by-hash",
                    world.tokens().get(who), body);
            if (who == Who.REVOKED_TOKEN) {
                softly.assertThat(response.statusCode()).as(who.name()).isEqualTo(401);
                continue;
            }
            List<Long> expected = new ArrayList<>();
            for (Visibility visibility : Visibility.values()) {
                if (sees(who, visibility)) {
                    expected.add(world.models().get(visibility).versionId());
                }
            }
            softly.assertThat(JsonPath.from(response.body()).getList("id", Long.class)).as(who.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        softly.assertAll();
    }

    @Test
    void listingsAndPagesHonourVisibility() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Visibility visibility : Visibility.values()) {
            Model model = world.models().get(visibility);
            for (Who who : Who.values()) {
                String token = world.tokens().get(who);
                String label = who + " listing a " + visibility.apiName() + " model: ";
                Map<String, Function<HttpResponse<String>, Boolean>> listings = Map.of(
                        "/api/v1/models?ids=" + model.id(), AccessMatrixSuite::listsAny,
                        "/api/v1/models?query=" + model.name().replace(' ', '+'), AccessMatrixSuite::listsAny,
                        "/api/v1/models?limit=100&username=" + world.ownerName(),
                        response -> listsId(response, model.id()),
                        "/?q=" + model.name().replace(' ', '+'),
                        response -> response.body().contains("href=\"/api/v1/models/" + model.id() + "\""));
                for (Map.Entry<String, Function<HttpResponse<String>, Boolean>> listing : listings.entrySet()) {
                    HttpResponse<String> response = HubClient.send("GET", listing.getKey(), token, null);
                    if (who == Who.REVOKED_TOKEN) {
                        softly.assertThat(response.statusCode()).as(label + listing.getKey()).isEqualTo(401);
                        continue;
                    }
                    softly.assertThat(response.statusCode()).as(label + listing.getKey()).isEqualTo(200);
                    softly.assertThat(listing.getValue().apply(response)).as(label + listing.getKey() + " lists it")
                            .isEqualTo(lists(who, visibility));
                }
            }
        }
        softly.assertAll();
    }

    private static boolean listsAny(HttpResponse<String> response) {
        return !JsonPath.from(response.body()).getList("items").isEmpty();
    }

    private static boolean listsId(HttpResponse<String> response, long id) {
        return JsonPath.from(response.body()).getList("items.id", Long.class).contains(id);
    }

    // ----- writes -------------------------------------------------------------------------------------------------

    @Test
    void changesNeedTheOwnerOrAnAdmin() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Visibility visibility : Visibility.values()) {
            Model model = world.models().get(visibility);
            for (Who who : Who.values()) {
                String token = world.tokens().get(who);
                String label = who + " on a " + visibility.apiName() + " model: ";
                check(softly, label + "PATCH model", HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                        "{\"description\": \"edited by " + who + "\"}"), writeStatus(who, visibility, 200));
                check(softly, label + "PATCH version", HubClient.send("PATCH", "/api/v1/model-versions/"
                        + model.versionId(), token, "{\"trainedWords\": [\"" + who + "\"]}"),
                        writeStatus(who, visibility, 200));
                // The model has one version, so even its owner may not delete it: 409 shows the check passed.
                check(softly, label + "DELETE the only version", HubClient.send("DELETE", "/api/v1/model-versions/"
                        + model.versionId(), token, null), writeStatus(who, visibility, 409));
                check(softly, label + "upload a version", HubClient.uploadAs(token, "/api/v1/models/"
                        + world.versionTargets().get(visibility).id() + "/versions", new MultipartBody()
                        .metadata("{\"versionName\": \"by " + who + "\"}")
                        .file("v.safetensors", SafetensorsBytes.randomTensor(who.ordinal() * 10L + visibility.ordinal(),
                                128))), writeStatus(who, visibility, 201));
            }
        }
        softly.assertAll();

        // Only the owner's and the admin's edits went through, the admin's last.
        HttpResponse<String> publicModel = HubClient.send("GET", "/api/v1/models/"
                + world.models().get(Visibility.PUBLIC).id(), null, null);
        assertThat(JsonPath.from(publicModel.body()).getString("description")).isEqualTo("edited by ADMIN");
        HttpResponse<String> versions = HubClient.send("GET", "/api/v1/models/"
                + world.versionTargets().get(Visibility.PUBLIC).id(), null, null);
        assertThat(JsonPath.from(versions.body()).getList("modelVersions.name"))
                .containsExactly("by ADMIN", "by OWNER", "v1.0");
    }

    @Test
    void deletesNeedTheOwnerOrAnAdmin() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Visibility visibility : Visibility.values()) {
            for (Who who : Who.values()) {
                Model model = upload(world.tokens().get(Who.OWNER), "matrix delete " + who + " " + visibility,
                        visibility);
                int expected = writeStatus(who, visibility, 204);
                check(softly, who + " deleting a " + visibility.apiName() + " model", HubClient.send("DELETE",
                        "/api/v1/models/" + model.id(), world.tokens().get(who), null), expected);
                int after = HubClient.send("GET", "/api/v1/models/" + model.id(), HubClient.ADMIN_TOKEN, null)
                        .statusCode();
                softly.assertThat(after).as(who + " " + visibility + ": the model afterwards")
                        .isEqualTo(expected == 204 ? 404 : 200);
            }
        }
        softly.assertAll();
    }

    @Test
    void uploadsNeedAWriteCaller() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            int expected = switch (who) {
                case ANONYMOUS, REVOKED_TOKEN -> 401;
                case READ_TOKEN -> 403;
                case OTHER, OWNER, ADMIN -> 201;
            };
            HttpResponse<String> response = HubClient.uploadAs(world.tokens().get(who), "/api/v1/models",
                    new MultipartBody().metadata("{\"name\": \"matrix new by " + who + "\"}")
                            .file("new.safetensors", SafetensorsBytes.randomTensor(1000L + who.ordinal(), 128)));
            check(softly, who + " uploading a model", response, expected);
            if (expected == 201) {
                softly.assertThat(JsonPath.from(response.body()).getString("creator.username")).as(who.name())
                        .isEqualTo(who == Who.ADMIN ? "admin" : who == Who.OWNER ? world.ownerName()
                                : world.ownerName().replace("owner-", "other-"));
            }
        }
        softly.assertAll();
    }

    @Test
    void accountEndpoints() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            String token = world.tokens().get(who);
            boolean signedIn = who != Who.ANONYMOUS && who != Who.REVOKED_TOKEN;
            int userRead = signedIn ? 200 : 401;
            check(softly, who + " GET me", HubClient.send("GET", "/api/v1/auth/me", token, null), userRead);
            check(softly, who + " GET tokens", HubClient.send("GET", "/api/v1/tokens", token, null), userRead);
            int makeToken = switch (who) {
                case ANONYMOUS, REVOKED_TOKEN -> 401;
                case READ_TOKEN -> 403;
                case OTHER, OWNER, ADMIN -> 201;
            };
            check(softly, who + " POST tokens", HubClient.send("POST", "/api/v1/tokens", token,
                    "{\"name\": \"from matrix\", \"scope\": \"read\"}"), makeToken);
            int adminOnly = switch (who) {
                case ANONYMOUS, REVOKED_TOKEN -> 401;
                case ADMIN -> 200;
                case OTHER, OWNER, READ_TOKEN -> 403;
            };
            check(softly, who + " GET users", HubClient.send("GET", "/api/v1/users", token, null), adminOnly);
            check(softly, who + " GET audit", HubClient.send("GET", "/api/v1/audit", token, null), adminOnly);
            int createUser = adminOnly == 200 ? 201 : adminOnly;
            check(softly, who + " POST users", HubClient.send("POST", "/api/v1/users", token,
                    "{\"username\": \"made-by-" + who.name().toLowerCase().replace('_', '-') + "-"
                            + UUID.randomUUID().toString().substring(0, 6) + "\", \"password\": \"long enough\"}"),
                    createUser);
        }
        softly.assertAll();
    }

    @Test
    void validateAndConvertServeAnyoneWithoutARevokedToken() {
        World world = world();
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            int expected = who == Who.REVOKED_TOKEN ? 401 : 200;
            check(softly, who + " validating", HubClient.uploadAs(world.tokens().get(who), "/api/v1/validate",
                    new MultipartBody().file("v.safetensors", SafetensorsBytes.randomTensor(5, 64))), expected);
            check(softly, who + " converting", HubClient.uploadAs(world.tokens().get(who), "/api/v1/convert",
                    new MultipartBody().field("to", "safetensors").field("dtype", "F16")
                            .file("c.safetensors", SafetensorsBytes.randomTensor(6, 64))), expected);
        }
        softly.assertAll();
    }

    private static void check(SoftAssertions softly, String label, HttpResponse<String> response, int expected) {
        softly.assertThat(response.statusCode()).as(label + " (" + response.body() + ")").isEqualTo(expected);
    }
}
