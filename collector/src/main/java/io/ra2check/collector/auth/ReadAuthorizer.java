package io.ra2check.collector.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.KubeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read the read API (node reports, hardware inventory included), decided as kube-rbac-proxy decides it: the
 * caller's bearer token goes to a TokenReview (the API server's own audiences), and the user it names to a
 * SubjectAccessReview for {@code get} on the virtual resource {@code reports.ra2check.io} in the collector's
 * namespace. Grant it with an ordinary Role: {@code apiGroups: [ra2check.io], resources: [reports], verbs: [get]}.
 * Allowed tokens are cached like the agents' (SHA-256 keys, bounded, at most the time-to-live); refusals are not.
 */
public final class ReadAuthorizer {
    public static final String GROUP = "ra2check.io";
    public static final String RESOURCE = "reports";
    public static final String VERB = "get";
    /** Kubernetes tokens are a few kilobytes at most: anything longer is not sent to the API server. */
    static final int MAX_TOKEN_LENGTH = 16384;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAuthorizer.class);

    /** The answer for one request: 200 lets it through; anything else is the status and message to send. */
    public record Decision(int status, String message) {
        static final Decision ALLOWED = new Decision(200, null);

        public boolean allowed() {
            return status == 200;
        }
    }

    private final KubeAccess kube;
    private final String namespace;
    private final TokenCache allowed;
    private final boolean enabled;

    /**
     * @param enabled   false lets every request through (the read API then relies on the network alone)
     * @param namespace the namespace of the virtual resource (the collector's)
     */
    public ReadAuthorizer(KubeAccess kube, String namespace, TokenCache allowed, boolean enabled) {
        this.kube = kube;
        this.namespace = namespace;
        this.allowed = allowed;
        this.enabled = enabled;
    }

    public static ReadAuthorizer disabled() {
        return new ReadAuthorizer(null, null, null, false);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The decision for a request carrying this {@code Authorization} header (null when it has none). */
    public Decision check(String authorization) {
        if (!enabled) {
            return Decision.ALLOWED;
        }
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Decision(401, "bearer token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (token.isEmpty()) {
            return new Decision(401, "the read API needs a bearer token of a user allowed to get " + RESOURCE + "."
                    + GROUP + " in namespace " + namespace + " (e.g. kubectl create token <service account>)");
        }
        if (allowed.get(token).isPresent()) {
            return Decision.ALLOWED;
        }
        try {
            TokenReviewStatus who = kube.reviewToken(token, null);
            if (!Boolean.TRUE.equals(who.getAuthenticated()) || who.getUser() == null
                    || who.getUser().getUsername() == null) {
                return new Decision(401, "the API server does not accept this token");
            }
            String user = who.getUser().getUsername();
            SubjectAccessReviewStatus may = kube.reviewAccess(who.getUser(), VERB, GROUP, RESOURCE, namespace);
            if (!Boolean.TRUE.equals(may.getAllowed()) || Boolean.TRUE.equals(may.getDenied())) {
                LOG.atInfo().addKeyValue("user", user).log("read refused: not allowed to get " + RESOURCE + "."
                        + GROUP);
                return new Decision(403, "user " + user + " may not get " + RESOURCE + "." + GROUP
                        + " in namespace " + namespace + ": bind them to the chart's reader Role");
            }
            allowed.put(token, new TokenCache.Identity(user, null), null);
            return Decision.ALLOWED;
        } catch (ApiUnavailableException e) {
            LOG.atWarn().addKeyValue("reason", e.getMessage()).log("cannot review a reader's token now");
            return new Decision(503, "cannot check the token now (API server unreachable): retry");
        }
    }
}
