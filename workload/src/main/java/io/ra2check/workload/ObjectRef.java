package io.ra2check.workload;

/**
 * Which object a workload finding is about.
 *
 * @param namespace null when the manifest leaves the namespace to the installer, or for cluster-scoped objects
 * @param origin    where the object was read
 */
public record ObjectRef(String kind, String namespace, String name, String origin) {

    /** {@code DaemonSet ra2check/ra2check-agent}. */
    public String display() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    /** Whether an allowed-exception scope ({@code Kind/name}) names this object. */
    boolean matches(String kindSlashName) {
        return kindSlashName.equals(kind + "/" + name);
    }

    @Override
    public String toString() {
        return display();
    }
}
