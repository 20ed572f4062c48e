package io.ra2check.collector.kube;

/**
 * The API server could not be reached or did not do what was asked (connection refused, timeout, 5xx, or a refusal
 * the agent cannot fix such as a missing permission): nothing was stored, the agent should retry later (503).
 */
public class ApiUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ApiUnavailableException(String message) {
        super(message);
    }
}
