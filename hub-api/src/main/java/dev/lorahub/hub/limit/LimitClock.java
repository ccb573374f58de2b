package dev.lorahub.hub.limit;

import jakarta.enterprise.context.ApplicationScoped;

/** Monotonic time for the rate limits; a bean so that tests can replace it with a clock they move by hand. */
@ApplicationScoped
public class LimitClock {

    /** Current time in nanoseconds, comparable only with other values of this clock. */
    public long nanoTime() {
        return System.nanoTime();
    }
}
