package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collector's few calls to the API server, with every failure turned into {@link ApiUnavailableException} (or
 * {@link NodeGoneException}) carrying a one-line message. Nothing else in the collector talks to the API server
 * except the informers and the leader elector.
 */
public final class KubeAccess {
    private final KubernetesClient client;

    public KubeAccess(KubernetesClient client) {
        this.client = client;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Applies a JSON merge patch to a node and returns the node as the API server stored it. */
    public Node patchNode(String name, String mergePatch) throws ApiUnavailableException, NodeGoneException {
        try {
            // patching a resource named only by withName() makes fabric8 GET it first; giving it the (minimal) object
            // sends the PATCH alone
            Node target = new Node();
            target.setMetadata(new ObjectMeta());
            target.getMetadata().setName(name);
            Node n = client.nodes().resource(target).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
            if (n == null) {
                throw new NodeGoneException(name);
            }
            return n;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new NodeGoneException(name);
            }
            throw unavailable("patch node " + name, e);
        }
    }

    /** Reviews a token for one audience, or for the API server's own audiences when {@code audience} is null. */
    public TokenReviewStatus reviewToken(String token, String audience) throws ApiUnavailableException {
        TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token)
                .withAudiences(audience == null ? null : List.of(audience)).endSpec().build();
        try {
            TokenReview out = client.authentication().v1().tokenReviews().create(review);
            if (out == null || out.getStatus() == null) {
                throw new ApiUnavailableException("token review: the API server returned no status");
            }
            return out.getStatus();
        } catch (KubernetesClientException e) {
            throw unavailable("token review", e);
        }
    }

    /**
     * Whether the user a TokenReview named may {@code verb} the resource: a SubjectAccessReview, as the API server's
     * own authorizer would decide it.
     */
    public SubjectAccessReviewStatus reviewAccess(UserInfo user, String verb, String group, String resource,
                                                  String namespace) throws ApiUnavailableException {
        Map<String, List<String>> extra = user.getExtra() == null ? Map.of() : user.getExtra();
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user.getUsername())
                .withUid(user.getUid()).withGroups(user.getGroups()).withExtra(extra).withNewResourceAttributes()
                .withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
                .endResourceAttributes().endSpec().build();
        try {
            SubjectAccessReview out = client.authorization().v1().subjectAccessReview().create(review);
            if (out == null || out.getStatus() == null) {
                throw new ApiUnavailableException("subject access review: the API server returned no status");
            }
            return out.getStatus();
        } catch (KubernetesClientException e) {
            throw unavailable("subject access review", e);
        }
    }

    public Optional<Pod> getPod(String namespace, String name) throws ApiUnavailableException {
        try {
            return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("get pod " + namespace + "/" + name, e);
        }
    }

    /** The API server's gitVersion. */
    public String controlPlaneVersion() throws ApiUnavailableException {
        try {
            VersionInfo v = client.getKubernetesVersion();
            if (v == null || v.getGitVersion() == null) {
                throw new ApiUnavailableException("/version: no gitVersion in the answer");
            }
            return v.getGitVersion();
        } catch (KubernetesClientException e) {
            throw unavailable("/version", e);
        }
    }

    static ApiUnavailableException unavailable(String what, KubernetesClientException e) {
        String detail;
        if (e.getCode() > 0) {
            detail = "HTTP " + e.getCode() + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? " " + e.getStatus().getMessage() : "");
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            detail = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return new ApiUnavailableException(what + ": " + oneLine(detail));
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
