package dev.lorahub.app;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(H2FolderProfile.class)
class H2FolderAccountsTest extends AccountsSuite {
}
