package io.ra2check.collector.auth;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.KubeAccess;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a request may post a report for a node: the bearer token must be a ServiceAccount token the API
 * server accepts (TokenReview) for the collector's audience, of the agent's ServiceAccount, bound to a pod running on
 * that node.
 */
public final class TokenAuthenticator {
    public static final String NODE_NAME_EXTRA = "authentication.kubernetes.io/node-name";
    public static final String POD_NAME_EXTRA = "authentication.kubernetes.io/pod-name";
    public static final String POD_UID_EXTRA = "authentication.kubernetes.io/pod-uid";
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** The outcome of authentication. */
    public sealed interface Result {
    }

    /** The caller is the agent of {@code node}. */
    public record Accepted(String username, String node, boolean cached) implements Result {
    }

    /** 401 (no or invalid token) or 403 (valid token, wrong identity or node), with a one-line message. */
    public record Rejected(int status, String message) implements Result {
    }

    /** The API server could not be asked (503). */
    public record Unavailable(String message) implements Result {
    }

    private final KubeAccess kube;
    private final String audience;
    private final String namespace;
    private final String username;
    private final TokenCache cache;

    /**
     * @param agentNamespace      namespace of the agent's ServiceAccount
     * @param agentServiceAccount name of the agent's ServiceAccount
     */
    public TokenAuthenticator(KubeAccess kube, String audience, String agentNamespace, String agentServiceAccount,
                              TokenCache cache) {
        this.kube = kube;
        this.audience = audience;
        this.namespace = agentNamespace;
        this.username = "system:serviceaccount:" + agentNamespace + ":" + agentServiceAccount;
        this.cache = cache;
    }

    /**
     * @param authorization the request's Authorization header (null when absent)
     * @param node          the node the request posts for
     */
    public Result authenticate(String authorization, String node) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Rejected(401, "missing bearer token (Authorization: Bearer <projected ServiceAccount token>)");
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            return new Rejected(401, "empty bearer token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Rejected(401, "bearer token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        Optional<String> refused = cache.refused(token);
        if (refused.isPresent()) {
            return new Rejected(401, refused.get());
        }
        Optional<TokenCache.Identity> hit = cache.get(token);
        boolean cached = hit.isPresent();
        TokenCache.Identity identity;
        if (cached) {
            identity = hit.get();
        } else {
            Result r = review(token);
            if (r instanceof Rejected rej && rej.status() == 401) {
                // the API server's "no" holds for this token: asking again at once would only cost another review
                cache.putRefused(token, rej.message());
            }
            if (!(r instanceof Accepted a)) {
                return r;
            }
            identity = new TokenCache.Identity(a.username(), a.node());
            cache.put(token, identity, Jwt.expiry(token).orElse(null));
        }
        if (!identity.node().equals(node)) {
            return new Rejected(403, "the token is bound to a pod on node " + identity.node() + ", not " + node);
        }
        return new Accepted(identity.username(), identity.node(), cached);
    }

    private Result review(String token) {
        TokenReviewStatus status;
        try {
            status = kube.reviewToken(token, audience);
        } catch (ApiUnavailableException e) {
            return new Unavailable("cannot verify the token now: " + e.getMessage());
        }
        if (!Boolean.TRUE.equals(status.getAuthenticated())) {
            return new Rejected(401, "the API server did not accept the token for audience " + audience
                    + (status.getError() == null || status.getError().isBlank() ? "" : ": " + status.getError()));
        }
        List<String> audiences = status.getAudiences();
        if (audiences == null || !audiences.contains(audience)) {
            return new Rejected(401, "the token is not valid for audience " + audience);
        }
        UserInfo user = status.getUser();
        String name = user == null ? null : user.getUsername();
        if (!username.equals(name)) {
            return new Rejected(403, "caller " + (name == null ? "(unnamed)" : name)
                    + " is not the agent ServiceAccount " + username);
        }
        Map<String, List<String>> extra = user.getExtra() == null ? Map.of() : user.getExtra();
        String boundNode = single(extra.get(NODE_NAME_EXTRA));
        if (boundNode != null) {
            return new Accepted(name, boundNode, false);
        }
        String podName = single(extra.get(POD_NAME_EXTRA));
        if (podName == null) {
            return new Rejected(403, "the token is not bound to a pod: mount a projected ServiceAccount token");
        }
        Optional<Pod> pod;
        try {
            pod = kube.getPod(namespace, podName);
        } catch (ApiUnavailableException e) {
            return new Unavailable("cannot look up the token's pod now: " + e.getMessage());
        }
        if (pod.isEmpty()) {
            return new Rejected(403, "the token's pod " + namespace + "/" + podName + " does not exist");
        }
        String podUid = single(extra.get(POD_UID_EXTRA));
        if (podUid != null && !podUid.equals(pod.get().getMetadata().getUid())) {
            return new Rejected(403, "the token's pod " + namespace + "/" + podName + " has been replaced");
        }
        String podNode = pod.get().getSpec() == null ? null : pod.get().getSpec().getNodeName();
        if (podNode == null || podNode.isEmpty()) {
            return new Rejected(403, "the token's pod " + namespace + "/" + podName + " is not scheduled on a node");
        }
        return new Accepted(name, podNode, false);
    }

    private static String single(List<String> values) {
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
    }
}
