package dev.lorahub.hub.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request failure that becomes an RFC 9457 problem response.
 *
 * <p>The {@code code} is stable for clients and names the message in the problem bundles, which the arguments fill in
 * the caller's language.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] arguments;
    private final transient List<Object> reasons;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String code, Object... arguments) {
        this(status, code, List.of(), arguments);
    }

    public ProblemException(int status, String code, List<Object> reasons, Object... arguments) {
        super(code);
        this.status = status;
        this.code = code;
        this.arguments = arguments;
        this.reasons = reasons;
    }

    public static ProblemException badRequest(String code, Object... arguments) {
        return new ProblemException(400, code, arguments);
    }

    public static ProblemException notFound(String code, Object... arguments) {
        return new ProblemException(404, code, arguments);
    }

    public static ProblemException unprocessable(String code, Object... arguments) {
        return new ProblemException(422, code, arguments);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** Adds a header to the problem response, such as {@code Content-Range} on a 416. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Machine-readable details added to the problem as {@code reasons}, such as the failing tensor. */
    public List<Object> reasons() {
        return reasons;
    }
}
