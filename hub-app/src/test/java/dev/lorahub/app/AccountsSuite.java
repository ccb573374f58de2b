package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.hub.config.HubConfig;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Accounts, tokens, sessions, ownership and the audit trail as users meet them. Run once per storage layout. */
abstract class AccountsSuite {

    @Inject
    HubConfig config;

    @Inject
    StoreCounts counts;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void firstStartTokenFiles() throws Exception {
        Path token = config.dataDir().resolve("admin-token");
        Path password = config.dataDir().resolve("admin-password");

        assertThat(Files.readString(token).strip()).isEqualTo(HubClient.ADMIN_TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        HttpResponse<String> me = HubClient.send("GET", "/api/v1/auth/me", HubClient.ADMIN_TOKEN, null);
        assertThat(JsonPath.from(me.body()).getString("username")).isEqualTo("admin");
        assertThat(JsonPath.from(me.body()).getString("role")).isEqualTo("admin");
    }

    @Test
    void signUpLogInAndLogOut() {
        String name = unique("Creator");
        HttpResponse<String> signup = HubClient.send("POST", "/api/v1/auth/signup", null,
                "{\"username\": \"" + name + "\", \"password\": \"" + TestAccounts.PASSWORD + "\"}");
        TestAccounts.expect(signup, 201);
        assertThat(JsonPath.from(signup.body()).getString("role")).isEqualTo("user");
        String setCookie = signup.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");

        // Names are unique in any letter case.
        HttpResponse<String> again = HubClient.send("POST", "/api/v1/auth/signup", null,
                "{\"username\": \"" + name.toLowerCase() + "\", \"password\": \"another password\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JsonPath.from(again.body()).getString("code")).isEqualTo("username-taken");

        HttpResponse<String> wrong = HubClient.send("POST", "/api/v1/auth/login", null,
                "{\"username\": \"" + name + "\", \"password\": \"wrong password\"}", "Accept-Language", "zh-CN");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JsonPath.from(wrong.body()).getString("detail")).isEqualTo("用户名或密码错误。");
        HttpResponse<String> unknown = HubClient.send("POST", "/api/v1/auth/login", null,
                "{\"username\": \"nobody-" + name + "\", \"password\": \"wrong password\"}");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body().replace("用户名或密码错误。", "The username or password is wrong."));

        TestAccounts.Login login = TestAccounts.login(name.toUpperCase(), TestAccounts.PASSWORD);
        HttpResponse<String> me = HubClient.send("GET", "/api/v1/auth/me", null, null, login.cookieOnly());
        assertThat(JsonPath.from(me.body()).getString("username")).isEqualTo(name);
        assertThat(JsonPath.from(me.body()).getString("csrfToken")).isEqualTo(login.csrf());

        HttpResponse<String> logout = HubClient.send("POST", "/api/v1/auth/logout", null, null, login.headers());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(HubClient.send("GET", "/api/v1/auth/me", null, null, login.cookieOnly()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void badSignUpsAreRefused() {
        record Case(String json, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("{\"username\": \"a\", \"password\": \"long enough\"}", 400, "invalid-username"),
                new Case("{\"username\": \"../etc\", \"password\": \"long enough\"}", 400, "invalid-username"),
                new Case("{\"username\": \"名字\", \"password\": \"long enough\"}", 400, "invalid-username"),
                new Case("{\"username\": \"Lorahub\", \"password\": \"long enough\"}", 409, "username-taken"),
                new Case("{\"username\": \"admin\", \"password\": \"long enough\"}", 409, "username-taken"),
                new Case("{\"username\": \"" + unique("short") + "\", \"password\": \"short\"}", 400,
                        "password-too-short"),
                new Case("{\"username\": \"" + unique("long") + "\", \"password\": \"" + "密".repeat(25) + "\"}", 400,
                        "password-too-long"),
                new Case("{\"username\": \"" + unique("nopass") + "\"}", 400, "password-too-short"),
                new Case("{\"username\": 5", 400, "invalid-json"),
                new Case("{\"username\": \"" + "x".repeat(5000) + "!\", \"password\": \"long enough\"}", 400,
                        "invalid-username"),
                new Case("{\"username\": \"x\", \"password\": \"long enough\", \"remember\": true}", 400,
                        "unknown-field"));
        for (Case bad : cases) {
            HttpResponse<String> response = HubClient.send("POST", "/api/v1/auth/signup", null, bad.json());
            assertThat(response.statusCode()).as(bad.json()).isEqualTo(bad.status());
            assertThat(JsonPath.from(response.body()).getString("code")).as(bad.json()).isEqualTo(bad.code());
            assertThat(JsonPath.from(response.body()).getString("detail")).as(bad.json()).hasSizeLessThan(400);
        }
    }

    @Test
    void passwordChangeChecksAndAudits() {
        String name = unique("changer");
        TestAccounts.createUser(name);
        TestAccounts.Login login = TestAccounts.login(name, TestAccounts.PASSWORD);

        HttpResponse<String> wrong = HubClient.send("PUT", "/api/v1/auth/password", null,
                "{\"currentPassword\": \"a guess\", \"newPassword\": \"another password\"}", login.headers());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> same = HubClient.send("PUT", "/api/v1/auth/password", null,
                "{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\", \"newPassword\": \"" + TestAccounts.PASSWORD
                        + "\"}", login.headers());
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(same.body()).getString("code")).isEqualTo("password-unchanged");

        JsonPath failures = JsonPath.from(HubClient.send("GET", "/api/v1/audit?action=password-change-failed&actor="
                + name, HubClient.ADMIN_TOKEN, null).body());
        assertThat(failures.getList("items.targetType")).containsExactly("user");
        assertThat(failures.getList("items.address")).containsExactly("127.0.0.1");
    }

    @Test
    void revokedTokenFailsOnTheNextRequest() {
        String name = unique("revoker");
        TestAccounts.createUser(name);
        TestAccounts.Login login = TestAccounts.login(name, TestAccounts.PASSWORD);
        TestAccounts.Token token = TestAccounts.makeToken(login, "laptop", "write");

        HttpResponse<String> listed = HubClient.send("GET", "/api/v1/tokens", token.text(), null);
        JsonPath tokens = JsonPath.from(listed.body());
        assertThat(tokens.getString("[0].name")).isEqualTo("laptop");
        assertThat(tokens.getString("[0].scope")).isEqualTo("write");
        assertThat(tokens.getString("[0].prefix")).isEqualTo(token.text().substring(0, 8));
        assertThat(tokens.getString("[0].lastUsedAt")).isNotNull();
        assertThat(tokens.getString("[0].token")).isNull();
        assertThat(listed.body()).doesNotContain(token.text());

        TestAccounts.expect(HubClient.send("DELETE", "/api/v1/tokens/" + token.id(), null, null, login.headers()),
                200);
        HttpResponse<String> after = HubClient.send("GET", "/api/v1/auth/me", token.text(), null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(JsonPath.from(after.body()).getString("code")).isEqualTo("invalid-token");
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(HubClient.send("GET", "/api/v1/models?token=" + token.text(), null, null).statusCode())
                .isEqualTo(401);

        // Someone else's token is not found, so its id reveals nothing.
        String stranger = unique("stranger");
        TestAccounts.createUser(stranger);
        TestAccounts.Token other = TestAccounts.makeToken(TestAccounts.login(stranger, TestAccounts.PASSWORD),
                "other", "write");
        assertThat(HubClient.send("DELETE", "/api/v1/tokens/" + other.id(), null, null, login.headers())
                .statusCode()).isEqualTo(404);
        assertThat(HubClient.send("GET", "/api/v1/auth/me", other.text(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionChangesNeedTheCsrfToken() {
        String name = unique("browser");
        TestAccounts.createUser(name);
        TestAccounts.Login login = TestAccounts.login(name, TestAccounts.PASSWORD);

        HttpResponse<String> noCsrf = HubClient.send("POST", "/api/v1/tokens", null,
                "{\"name\": \"forged\", \"scope\": \"write\"}", login.cookieOnly());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(JsonPath.from(noCsrf.body()).getString("code")).isEqualTo("csrf-token-missing");
        assertThat(JsonPath.from(noCsrf.body()).getString("detail")).contains("the session's CSRF token");
        HttpResponse<String> wrongCsrf = HubClient.send("POST", "/api/v1/tokens", null,
                "{\"name\": \"forged\", \"scope\": \"write\"}", "Cookie", login.cookie(), "X-CSRF-Token", "guess");
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> upload = HubClient.uploadAs(null, "/api/v1/models", new MultipartBody()
                .metadata("{\"name\": \"forged upload\"}")
                .file("f.safetensors", SafetensorsBytes.randomTensor(77, 64)), "Cookie", login.cookie());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(HubClient.send("GET", "/api/v1/tokens", null, null, login.cookieOnly()).body()).isEqualTo("[]");

        HttpResponse<String> withCsrf = HubClient.uploadAs(null, "/api/v1/models", new MultipartBody()
                .metadata("{\"name\": \"browser upload\"}")
                .file("b.safetensors", SafetensorsBytes.randomTensor(78, 64)), login.headers());
        assertThat(withCsrf.statusCode()).isEqualTo(201);
        assertThat(JsonPath.from(withCsrf.body()).getString("creator.username")).isEqualTo(name);
    }

    @Test
    void queryTokenOnlyForReads() {
        String name = unique("linker");
        TestAccounts.createUser(name);
        String token = TestAccounts.makeToken(TestAccounts.login(name, TestAccounts.PASSWORD), "t", "write").text();
        AccessMatrixSuite.Model model = AccessMatrixSuite.upload(token, "linked " + name,
                AccessMatrixSuite.Visibility.PRIVATE);

        assertThat(HubClient.send("GET", "/api/v1/models/" + model.id() + "?token=" + token, null, null)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> patch = HubClient.send("PATCH", "/api/v1/models/" + model.id() + "?token=" + token,
                null, "{\"description\": \"from a leaked link\"}");
        assertThat(patch.statusCode()).isEqualTo(401);
        assertThat(JsonPath.from(patch.body()).getString("code")).isEqualTo("query-token-for-reads-only");
        HttpResponse<String> mint = HubClient.send("POST", "/api/v1/tokens?token=" + token, null,
                "{\"name\": \"minted\", \"scope\": \"write\"}");
        assertThat(mint.statusCode()).isEqualTo(401);
        assertThat(HubClient.send("GET", "/api/v1/tokens", token, null).body()).doesNotContain("minted");
    }

    @Test
    void privateFileNamesStaySuffixed() {
        String fileName = unique("secret-project") + ".safetensors";
        String owner = unique("secretive");
        TestAccounts.createUser(owner);
        String ownerToken = TestAccounts.makeToken(TestAccounts.login(owner, TestAccounts.PASSWORD), "t", "write")
                .text();
        HttpResponse<String> hidden = HubClient.uploadAs(ownerToken, "/api/v1/models", new MultipartBody()
                .metadata("{\"name\": \"hidden\", \"visibility\": \"private\"}")
                .file(fileName, SafetensorsBytes.randomTensor(System.nanoTime(), 64)));
        JsonPath hiddenModel = JsonPath.from(hidden.body());
        long hiddenFileId = hiddenModel.getLong("modelVersions[0].files[0].id");
        assertThat(hiddenModel.getString("modelVersions[0].files[0].downloadName"))
                .isEqualTo(fileName.replace(".safetensors", "_" + hiddenFileId + ".safetensors"));

        // Another user's upload of the same name keeps the plain name, so it reveals nothing about the private file.
        JsonPath probe = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"probe\"}")
                .file(fileName, SafetensorsBytes.randomTensor(System.nanoTime() + 1, 64)));
        assertThat(probe.getString("modelVersions[0].files[0].downloadName")).isEqualTo(fileName);
    }

    @Test
    void otherAuthorizationSchemesAreRefused() {
        HttpResponse<String> basic = HubClient.send("GET", "/api/v1/models", null, null,
                "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(JsonPath.from(basic.body()).getString("code")).isEqualTo("unsupported-authorization");
        assertThat(HubClient.send("GET", "/api/v1/models", "lh_made-up", null).statusCode()).isEqualTo(401);
    }

    @Test
    void privateModelTurnsPublicAndBack() {
        String name = unique("maker");
        TestAccounts.createUser(name);
        String token = TestAccounts.makeToken(TestAccounts.login(name, TestAccounts.PASSWORD), "t", "write").text();
        AccessMatrixSuite.Model model = AccessMatrixSuite.upload(token, "draft " + name,
                AccessMatrixSuite.Visibility.PRIVATE);
        assertThat(HubClient.send("GET", "/api/v1/models/" + model.id(), null, null).statusCode()).isEqualTo(404);

        HttpResponse<String> published = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"visibility\": \"public\", \"tags\": [\"角色\", \"style\"]}");
        assertThat(JsonPath.from(published.body()).getString("visibility")).isEqualTo("public");
        assertThat(JsonPath.from(published.body()).getList("tags")).containsExactly("角色", "style");
        assertThat(HubClient.send("GET", "/api/v1/models/" + model.id(), null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> misspelt = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"visiblity\": \"private\"}");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(misspelt.body()).getString("code")).isEqualTo("unknown-field");
        assertThat(JsonPath.from(misspelt.body()).getString("detail")).contains("visiblity", "visibility");
        HttpResponse<String> retyped = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"type\": \"locon\"}");
        assertThat(JsonPath.from(retyped.body()).getString("type")).isEqualTo("LoCon");
        HttpResponse<String> badType = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"type\": \"Bogus\"}");
        assertThat(JsonPath.from(badType.body()).getString("code")).isEqualTo("invalid-type");
        HttpResponse<String> tooManyTags = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"tags\": [" + "\"t\",".repeat(200) + "\"t\"]}");
        assertThat(tooManyTags.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(tooManyTags.body()).getString("code")).isEqualTo("too-many-values");

        HttpResponse<String> invalid = HubClient.send("PATCH", "/api/v1/models/" + model.id(), token,
                "{\"visibility\": \"secret\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(invalid.body()).getString("code")).isEqualTo("invalid-visibility");
        HttpResponse<String> badUpload = HubClient.uploadAs(token, "/api/v1/models", new MultipartBody()
                .metadata("{\"name\": \"x\", \"visibility\": \"hidden\"}")
                .file("x.safetensors", SafetensorsBytes.randomTensor(79, 64)));
        assertThat(badUpload.statusCode()).isEqualTo(400);
    }

    @Test
    void baseModelChangeCheckedLikeUpload() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"nezha base change\", \"baseModel\": \"SD 1.5\"}")
                .file("nezha-base.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));
        String version = "/api/v1/model-versions/" + model.getLong("modelVersions[0].id");

        HttpResponse<String> wrong = HubClient.send("PATCH", version, HubClient.ADMIN_TOKEN,
                "{\"baseModel\": \"SDXL 1.0\"}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
        assertThat(JsonPath.from(wrong.body()).getString("code")).isEqualTo("base-model-mismatch");
        assertThat(JsonPath.from(wrong.body()).getList("reasons.code")).contains("shape-mismatch");

        HttpResponse<String> respelt = HubClient.send("PATCH", version, HubClient.ADMIN_TOKEN,
                "{\"baseModel\": \"sd 1.4\"}");
        assertThat(JsonPath.from(respelt.body()).getString("modelVersions[0].baseModel")).isEqualTo("SD 1.4");
        assertThat(HubClient.send("PATCH", version, HubClient.ADMIN_TOKEN, "{\"baseModel\": \" \"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void deletingAModelRemovesBlobsNoOtherFileUses() {
        byte[] shared = SafetensorsBytes.randomTensor(System.nanoTime(), 512);
        byte[] own = SafetensorsBytes.randomTensor(System.nanoTime() + 1, 512);
        long first = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"keeps shared\"}")
                .file("s.safetensors", shared)).getLong("id");
        StoreCounts.Snapshot before = counts.snapshot();
        JsonPath second = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"to delete\"}")
                .file("s.safetensors", shared));
        HubClient.upload("/api/v1/models/" + second.getLong("id") + "/versions", new MultipartBody()
                .metadata("{\"versionName\": \"v2\"}").file("o.safetensors", own));
        assertThat(counts.snapshot().blobs()).isEqualTo(before.blobs() + 1);

        assertThat(HubClient.send("DELETE", "/api/v1/models/" + second.getLong("id"), HubClient.ADMIN_TOKEN, null)
                .statusCode()).isEqualTo(204);

        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.blobs()).isEqualTo(before.blobs());
        assertThat(after.models()).isEqualTo(before.models());
        assertThat(after.files()).isEqualTo(before.files());
        HttpResponse<byte[]> stillThere = HubClient.get("/api/download/models/"
                + JsonPath.from(HubClient.send("GET", "/api/v1/models/" + first, null, null).body())
                        .getLong("modelVersions[0].id"));
        assertThat(stillThere.body()).isEqualTo(shared);
    }

    @Test
    void unsafeFileNamesAreStoredAndServedSafely() throws Exception {
        List<String> names = List.of("../../etc/passwd", "..\\..\\windows\\system32\\evil.safetensors",
                "x".repeat(300) + ".safetensors", "/absolute/path.safetensors", "%00", "nul%00byte.safetensors",
                "..%2F..%2Fetc%2Fpasswd");
        for (String name : names) {
            byte[] content = SafetensorsBytes.randomTensor(name.hashCode(), 64);
            MultipartBody body = new MultipartBody().metadata("{\"name\": \"unsafe name\"}");
            HttpResponse<String> response = HubClient.upload(name.contains("%")
                    ? body.fileWithEncodedName(name, content) : body.file(name, content));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
            JsonPath model = JsonPath.from(response.body());
            String downloadName = model.getString("modelVersions[0].files[0].downloadName");
            assertThat(downloadName).as(name).doesNotContain("/", "\\", "\u0000", "..").hasSizeLessThanOrEqualTo(220)
                    .endsWith(".safetensors");
            assertThat(model.getString("modelVersions[0].files[0].name")).as(name).doesNotContain("\u0000");

            HttpResponse<byte[]> download = HubClient.get("/api/download/models/"
                    + model.getLong("modelVersions[0].id"));
            assertThat(download.body()).isEqualTo(content);
            assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                    .doesNotContain("/", "\\", "\u0000");
        }
        assertThat(config.dataDir().resolve("../../etc/passwd").normalize()).doesNotExist();

        // A raw NUL byte inside a part header is not valid HTTP: the upload is refused as malformed, storing nothing.
        StoreCounts.Snapshot before = counts.snapshot();
        HttpResponse<String> rawNul = HubClient.upload(new MultipartBody().metadata("{\"name\": \"raw nul\"}")
                .file("raw\u0000nul.safetensors", SafetensorsBytes.randomTensor(80, 64)));
        assertThat(rawNul.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(rawNul.body()).getString("code")).isEqualTo("malformed-multipart");
        assertThat(counts.snapshot()).isEqualTo(before);
        if (config.storage().kind() == HubConfig.StorageKind.folder) {
            try (Stream<Path> blobs = Files.walk(config.dataDir().resolve("blobs"))) {
                assertThat(blobs.filter(Files::isRegularFile).map(path -> path.getFileName().toString()))
                        .allMatch(file -> file.matches("[0-9a-f]{64}"));
            }
        }
    }

    @Test
    void searchSyntaxIsHarmless() {
        String name = unique("plain");
        HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"" + name + "\"}")
                .file("p.safetensors", SafetensorsBytes.randomTensor(System.nanoTime(), 64)));
        List<String> queries = List.of("' OR '1'='1", "'; DROP TABLE model; --", "%", "_", "!", "\\",
                "name:* OR *:*", "\"unclosed", "(((", "a AND NOT b", "*", "?", "~1", "[1 TO 9]", "哪吒' --");
        for (String query : queries) {
            HttpResponse<String> response = HubClient.send("GET", "/api/v1/models?query="
                    + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8), null, null);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertThat(JsonPath.from(response.body()).getList("items.name", String.class)).as(query)
                    .allMatch(found -> found.toLowerCase().contains(query.toLowerCase()));
        }
        assertThat(JsonPath.from(HubClient.send("GET", "/api/v1/models?query=" + name, null, null).body())
                .getList("items.name")).containsExactly(name);
    }

    @Test
    void auditRecordsWhoDidWhat() {
        String name = unique("audited");
        TestAccounts.createUser(name);
        String token = TestAccounts.makeToken(TestAccounts.login(name, TestAccounts.PASSWORD), "t", "write").text();
        AccessMatrixSuite.Model model = AccessMatrixSuite.upload(token, "audited " + name,
                AccessMatrixSuite.Visibility.PUBLIC);
        HubClient.send("PATCH", "/api/v1/models/" + model.id(), token, "{\"visibility\": \"unlisted\"}");
        HubClient.send("GET", "/api/download/models/" + model.versionId(), token, null);
        HubClient.send("DELETE", "/api/v1/models/" + model.id(), token, null);

        JsonPath byActor = JsonPath.from(HubClient.send("GET", "/api/v1/audit?actor=" + name,
                HubClient.ADMIN_TOKEN, null).body());
        assertThat(byActor.getList("items.action")).containsExactly("model-delete", "download", "model-change",
                "model-upload", "token-create", "login");
        assertThat(byActor.getList("items.actor")).containsOnly(name);
        assertThat(byActor.getList("items.address")).containsOnly("127.0.0.1");
        assertThat(byActor.getString("items[0].detail")).isEqualTo("audited " + name);
        assertThat(byActor.getString("items[2].detail")).isEqualTo("visibility unlisted");

        JsonPath byTarget = JsonPath.from(HubClient.send("GET", "/api/v1/audit?targetType=model&targetId="
                + model.id(), HubClient.ADMIN_TOKEN, null).body());
        assertThat(byTarget.getList("items.action")).containsExactly("model-delete", "model-change");

        JsonPath paged = JsonPath.from(HubClient.send("GET", "/api/v1/audit?limit=2&actor=" + name,
                HubClient.ADMIN_TOKEN, null).body());
        assertThat(paged.getList("items.action")).containsExactly("model-delete", "download");
        JsonPath next = JsonPath.from(HubClient.send("GET", "/api/v1/audit?limit=2&actor=" + name + "&before="
                + paged.getLong("nextBefore"), HubClient.ADMIN_TOKEN, null).body());
        assertThat(next.getList("items.action")).containsExactly("model-change", "model-upload");
        assertThat(HubClient.send("GET", "/api/v1/audit?limit=0", HubClient.ADMIN_TOKEN, null).statusCode())
                .isEqualTo(400);
    }
}
