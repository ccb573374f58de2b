package dev.lorahub.hub.limit;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.Usernames;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The hub's rate limits from {@code lorahub.limits}: downloads and uploads per caller, failed logins per account name
 * and address. A request over a limit fails with 429 and a {@code Retry-After} header in seconds.
 *
 * <p>NOTE: the counts live in this process's memory, so several hub processes behind one proxy each allow the full
 * rate. Behind a reverse proxy every client has the proxy's address unless {@code quarkus.http.proxy.*} is set to
 * trust its forwarding headers.
 */
@ApplicationScoped
public class RateLimits {

    /** Callers tracked per limit at most, which bounds the memory that an address-hopping client can make it use. */
    static final long MAX_TRACKED_KEYS = 100_000;

    /** Account names longer than any valid one are cut to this length before they become keys. */
    private static final int MAX_USERNAME_KEY_LENGTH = 64;

    @Inject
    HubConfig config;

    @Inject
    LimitClock clock;

    private RateLimiter downloads;
    private RateLimiter uploads;
    private RateLimiter loginFailures;
    private RateLimiter loginFailuresPerAddress;

    @PostConstruct
    void createLimiters() {
        HubConfig.Limits limits = config.limits();
        boolean enabled = limits.enabled();
        downloads = limiter(enabled, limits.downloads().max(), limits.downloads().period());
        uploads = limiter(enabled, limits.uploads().max(), limits.uploads().period());
        loginFailures = limiter(enabled, limits.logins().maxFailures(), limits.logins().period());
        loginFailuresPerAddress = limiter(enabled, limits.logins().maxFailuresPerAddress(), limits.logins().period());
    }

    /** Counts a download by this caller; 429 once it is over {@code lorahub.limits.downloads}. Admins are exempt. */
    public void acquireDownload(Caller caller) {
        if (!caller.admin()) {
            require(downloads.tryAcquire(callerKey(caller)), "download-rate-limited");
        }
    }

    /**
     * Counts an upload by this caller's account; 429 once it is over {@code lorahub.limits.uploads}. Uploads count per
     * account rather than per token, because an account can make as many tokens as it likes. Admins are exempt.
     */
    public void acquireUpload(Caller caller) {
        if (caller.admin()) {
            return;
        }
        RateLimiter.Admission admission = uploads.tryAcquire(accountKey(caller));
        if (!admission.admitted()) {
            // The body is not read, and closing the connection stops the client sending it.
            throw rateLimited("upload-rate-limited", admission).withHeader("Connection", "close");
        }
    }

    /**
     * Counts a login attempt as failed before the password is checked, so that parallel guesses cannot slip past the
     * limit; 429 when the account name from this address, or this address, has no tries left. Call
     * {@link #loginSucceeded} when the password matches.
     */
    public void acquireLoginAttempt(String username, String address) {
        RateLimiter.Admission forName = loginFailures.tryAcquire(loginKey(username, address));
        if (!forName.admitted()) {
            throw rateLimited("login-rate-limited", forName);
        }
        RateLimiter.Admission forAddress = loginFailuresPerAddress.tryAcquire(addressKey(address));
        if (!forAddress.admitted()) {
            loginFailures.refund(loginKey(username, address));
            throw rateLimited("login-rate-limited", forAddress);
        }
    }

    /** Takes back the attempt that {@link #acquireLoginAttempt} counted, since successful logins do not count. */
    public void loginSucceeded(String username, String address) {
        loginFailures.refund(loginKey(username, address));
        loginFailuresPerAddress.refund(addressKey(address));
    }

    private RateLimiter limiter(boolean enabled, int max, Duration period) {
        return new RateLimiter(enabled ? max : 0, period, MAX_TRACKED_KEYS, clock::nanoTime);
    }

    private static void require(RateLimiter.Admission admission, String code) {
        if (!admission.admitted()) {
            throw rateLimited(code, admission);
        }
    }

    private static ProblemException rateLimited(String code, RateLimiter.Admission admission) {
        return new ProblemException(429, code, admission.retryAfterSeconds())
                .withHeader("Retry-After", Long.toString(admission.retryAfterSeconds()));
    }

    /** Returns the caller's key: its API token when it sent one, else its web session's account, else its address. */
    static String callerKey(Caller caller) {
        if (caller.tokenId() != null) {
            return "token:" + caller.tokenId();
        }
        if (caller.userId() != null) {
            return "user:" + caller.userId();
        }
        return addressKey(caller.address());
    }

    /** Returns the caller's account key, or its address when it is anonymous. */
    static String accountKey(Caller caller) {
        return caller.userId() != null ? "user:" + caller.userId() : addressKey(caller.address());
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String loginKey(String username, String address) {
        String name = username == null ? "" : Usernames.key(username);
        if (name.length() > MAX_USERNAME_KEY_LENGTH) {
            name = name.substring(0, MAX_USERNAME_KEY_LENGTH);
        }
        return addressKey(address) + " user:" + name;
    }
}
