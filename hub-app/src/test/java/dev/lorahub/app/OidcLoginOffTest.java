package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The default configuration, without an OpenID Connect provider: the hub starts and the login path returns 404. */
@QuarkusTest
@TestProfile(H2FolderProfile.class)
class OidcLoginOffTest {

    @Test
    void loginPathReturnsProblem() {
        given().redirects().follow(false)
                .when().get("/login/oidc")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("Location", nullValue())
                .body("code", equalTo("oidc-disabled"));
    }

    @Test
    void loginPathDetailInChinese() {
        given().redirects().follow(false).header("Accept-Language", "zh-CN")
                .when().get("/login/oidc")
                .then().statusCode(404)
                .body("code", equalTo("oidc-disabled"))
                .body("detail", equalTo("本站未启用 OpenID Connect 登录。请用用户名和密码登录，或请管理员设置 "
                        + "lorahub.oidc.enabled 和 quarkus.oidc 身份提供方配置。"));
    }

    @Test
    void apiTokenStillAuthenticates() {
        given().header("Authorization", "Bearer " + HubClient.ADMIN_TOKEN)
                .when().get("/api/v1/auth/me")
                .then().statusCode(200).body("username", equalTo("admin"));
    }
}
