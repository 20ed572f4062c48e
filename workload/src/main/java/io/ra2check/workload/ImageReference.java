package io.ra2check.workload;

/**
 * The parts of a container image reference that decide whether it is pinned: {@code registry:5000/team/app:1.2@sha256:...}.
 *
 * @param tag    the tag, or null when there is none (the runtime then pulls {@code latest})
 * @param digest the digest ({@code sha256:...}), or null
 */
record ImageReference(String reference, String tag, String digest) {

    static ImageReference parse(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        // a colon before the last slash belongs to the registry's port, not to a tag
        String lastComponent = rest.substring(rest.lastIndexOf('/') + 1);
        int colon = lastComponent.indexOf(':');
        String tag = colon >= 0 ? lastComponent.substring(colon + 1) : null;
        return new ImageReference(reference, tag == null || tag.isEmpty() ? null : tag,
                digest == null || digest.isEmpty() ? null : digest);
    }

    /** A digest, or a tag that is not {@code latest}: the reference names one concrete version. */
    boolean pinned() {
        return digest != null || (tag != null && !tag.equals("latest"));
    }

    String describe() {
        if (digest != null) {
            return "pinned by digest " + digest;
        }
        if (tag == null) {
            return "no tag: the runtime pulls 'latest'";
        }
        return tag.equals("latest") ? "tag 'latest'" : "tag " + tag;
    }
}
