package dev.lorahub.hub.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private long nanos = 1_000_000_000L;

    private RateLimiter limiter(int max, Duration period, long maxKeys) {
        return new RateLimiter(max, period, maxKeys, () -> nanos);
    }

    private void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Test
    void admitsUpToMaxThenRejects() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1), 100);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a").admitted()).as("request %d", i + 1).isTrue();
        }
        RateLimiter.Admission rejected = limiter.tryAcquire("a");

        assertThat(rejected.admitted()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void retryAfterShrinksAsTimePasses() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        limiter.tryAcquire("a");

        advance(Duration.ofMillis(45_500));

        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(15);
        advance(Duration.ofMillis(14_000));
        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refillsEvenlyOverPeriod() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("a");
        }

        advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();

        advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a").admitted()).as("request %d after a full period", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();
    }

    @Test
    void keysCountSeparately() {
        RateLimiter limiter = limiter(1, Duration.ofHours(1), 100);

        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();

        assertThat(limiter.tryAcquire("b").admitted()).isTrue();
    }

    @Test
    void refundGivesTokenBack() {
        RateLimiter limiter = limiter(2, Duration.ofHours(1), 100);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");

        limiter.refund("a");

        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();
    }

    @Test
    void refundNeverExceedsMax() {
        RateLimiter limiter = limiter(2, Duration.ofHours(1), 100);
        limiter.tryAcquire("a");

        limiter.refund("a");
        limiter.refund("a");
        limiter.refund("a");

        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        assertThat(limiter.tryAcquire("a").admitted()).isFalse();
    }

    @Test
    void refundOfUnknownKeyKeepsNothing() {
        RateLimiter limiter = limiter(2, Duration.ofHours(1), 100);

        limiter.refund("never-seen");

        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void zeroMaxAdmitsEverything() {
        RateLimiter limiter = limiter(0, Duration.ofMinutes(1), 100);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("a").admitted()).isTrue();
        }
        assertThat(limiter.unlimited()).isTrue();
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void idleKeysDroppedAfterPeriod() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        assertThat(limiter.trackedKeys()).isEqualTo(2);

        advance(Duration.ofSeconds(30));
        limiter.tryAcquire("b");
        advance(Duration.ofSeconds(31));

        assertThat(limiter.trackedKeys()).isEqualTo(1);
        assertThat(limiter.tryAcquire("a").admitted()).isTrue();
    }

    @Test
    void keyCountStaysBounded() {
        RateLimiter limiter = limiter(1, Duration.ofHours(1), 50);

        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("address-" + i);
        }

        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(50);
    }

    @Test
    void invalidSettingsRejected() {
        assertThatThrownBy(() -> limiter(-1, Duration.ofMinutes(1), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> limiter(1, Duration.ZERO, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }
}
