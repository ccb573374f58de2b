package dev.lorahub.hub.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets in memory, one per key: each holds up to {@code max} tokens and refills them evenly over the period,
 * so a key may make {@code max} requests at once and then one every {@code period / max}.
 *
 * <p>A key left alone for a whole period is dropped, which loses nothing because its bucket is full again by then.
 * At most {@code maxKeys} keys are kept; past that the least used are dropped early, which lets their callers start
 * afresh.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int max;
    private final Duration period;
    private final TimeMeter timeMeter;
    private final Cache<String, Bucket> buckets;

    /**
     * @param max tokens per period; 0 admits everything
     * @param period time in which an empty bucket refills completely
     * @param maxKeys keys kept at most
     * @param nanoClock monotonic time in nanoseconds, such as {@code System::nanoTime}
     */
    public RateLimiter(int max, Duration period, long maxKeys, LongSupplier nanoClock) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 (no limit) or more, but is " + max);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, but is " + period);
        }
        this.max = max;
        this.period = period;
        this.timeMeter = new NanoClockMeter(nanoClock);
        // Expiry and size eviction run on the calling thread, so tests that move the clock see them at once.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(period)
                .maximumSize(maxKeys)
                .ticker(nanoClock::getAsLong)
                .executor(Runnable::run)
                .build();
    }

    /** Returns whether this limiter admits every request. */
    public boolean unlimited() {
        return max == 0;
    }

    /** Takes a token from the key's bucket, or returns how long until one is there. */
    public Admission tryAcquire(String key) {
        if (unlimited()) {
            return Admission.ADMITTED;
        }
        ConsumptionProbe probe = buckets.get(key, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Admission.ADMITTED;
        }
        return Admission.rejected(ceilSeconds(probe.getNanosToWaitForRefill()));
    }

    /** Gives back a token that {@link #tryAcquire} took, for a request that turned out not to count. */
    public void refund(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Number of keys kept now, after dropping expired ones. */
    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(max).refillGreedy(max, period).build())
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    /**
     * The outcome of {@link #tryAcquire}.
     *
     * @param retryAfterSeconds whole seconds until a token is back, at least 1; 0 when admitted
     */
    public record Admission(boolean admitted, long retryAfterSeconds) {

        static final Admission ADMITTED = new Admission(true, 0);

        static Admission rejected(long retryAfterSeconds) {
            return new Admission(false, retryAfterSeconds);
        }
    }

    private record NanoClockMeter(LongSupplier nanoClock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return nanoClock.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
