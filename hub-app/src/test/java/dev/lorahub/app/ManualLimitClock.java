package dev.lorahub.app;

import dev.lorahub.hub.limit.LimitClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A rate limit clock that moves only when a test advances it. Test profiles enable it as a CDI alternative. */
@Alternative
@ApplicationScoped
public class ManualLimitClock extends LimitClock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
