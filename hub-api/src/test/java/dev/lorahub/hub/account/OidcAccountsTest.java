package dev.lorahub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OidcAccountsTest {

    @Test
    void validNameKept() {
        assertThat(OidcAccounts.usernameBase("alice", null)).isEqualTo("alice");
        assertThat(OidcAccounts.usernameBase("Bob_Smith.2", "bob@example.org")).isEqualTo("Bob_Smith.2");
    }

    @Test
    void invalidRunsBecomeOneDash() {
        assertThat(OidcAccounts.usernameBase("Bob  Smith!!x", null)).isEqualTo("Bob-Smith-x");
        assertThat(OidcAccounts.usernameBase("a/b\\c", null)).isEqualTo("a-b-c");
    }

    @Test
    void accentsDropped() {
        assertThat(OidcAccounts.usernameBase("José Müller", null)).isEqualTo("Jose-Muller");
    }

    @Test
    void emailGivesLocalPart() {
        assertThat(OidcAccounts.usernameBase("carol@example.org", null)).isEqualTo("carol");
        assertThat(OidcAccounts.usernameBase(null, "dave.x@example.org")).isEqualTo("dave.x");
    }

    @Test
    void edgePunctuationTrimmed() {
        assertThat(OidcAccounts.usernameBase("__eve--", null)).isEqualTo("eve");
        assertThat(OidcAccounts.usernameBase("...王小明...", null)).isEqualTo(OidcAccounts.FALLBACK_NAME);
    }

    @Test
    void unusableNameFallsBack() {
        assertThat(OidcAccounts.usernameBase("王小明", "wang@example.org")).isEqualTo("wang");
        assertThat(OidcAccounts.usernameBase("王小明", "李@example.org")).isEqualTo(OidcAccounts.FALLBACK_NAME);
        assertThat(OidcAccounts.usernameBase("x", null)).isEqualTo(OidcAccounts.FALLBACK_NAME);
        assertThat(OidcAccounts.usernameBase(null, null)).isEqualTo(OidcAccounts.FALLBACK_NAME);
        assertThat(OidcAccounts.usernameBase("", "")).isEqualTo(OidcAccounts.FALLBACK_NAME);
    }

    @Test
    void longNameCutTo39() {
        String base = OidcAccounts.usernameBase("a".repeat(38) + "-bcdef", null);

        assertThat(base).isEqualTo("a".repeat(38));
        assertThat(OidcAccounts.usernameBase("b".repeat(60), null)).hasSize(39);
    }

    @Test
    void numberedNameStaysValid() {
        String numbered = OidcAccounts.numbered("c".repeat(37) + ".d", "12");

        assertThat(numbered).isEqualTo("c".repeat(36) + "-12");
        assertThat(OidcAccounts.numbered("alice", "2")).isEqualTo("alice-2");
        assertThatNoException().isThrownBy(() -> Usernames.check(numbered));
    }

    @Test
    void everyBaseIsValidUsername() {
        List<String> names = List.of("alice", "José Müller", "-._x", "王小明", "a".repeat(80), "9lives", "a..b");
        for (String name : names) {
            String base = OidcAccounts.usernameBase(name, null);
            assertThatNoException().as("base %s of %s", base, name).isThrownBy(() -> Usernames.check(base));
        }
    }

    @Test
    void groupClaimMatches() {
        assertThat(OidcLoginResource.claimContains(Set.of("staff", "lorahub-admins"), "lorahub-admins")).isTrue();
        assertThat(OidcLoginResource.claimContains(Json.createArrayBuilder().add("lorahub-admins").build(),
                "lorahub-admins")).isTrue();
        assertThat(OidcLoginResource.claimContains("lorahub-admins", "lorahub-admins")).isTrue();
        assertThat(OidcLoginResource.claimContains(Json.createValue("lorahub-admins"), "lorahub-admins")).isTrue();
    }

    @Test
    void groupClaimMisses() {
        assertThat(OidcLoginResource.claimContains(Set.of("staff"), "lorahub-admins")).isFalse();
        assertThat(OidcLoginResource.claimContains(null, "lorahub-admins")).isFalse();
        assertThat(OidcLoginResource.claimContains("lorahub-admins-old", "lorahub-admins")).isFalse();
        assertThat(OidcLoginResource.claimContains(List.of(), "lorahub-admins")).isFalse();
    }
}
