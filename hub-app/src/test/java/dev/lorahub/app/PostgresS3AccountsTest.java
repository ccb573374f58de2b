package dev.lorahub.app;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresS3Profile.class)
class PostgresS3AccountsTest extends AccountsSuite {
}
