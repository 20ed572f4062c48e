package io.ra2check.collector.kube;

/** The node was deleted between the collector's look at its cache and its write (404). */
public class NodeGoneException extends Exception {
    private static final long serialVersionUID = 1L;

    public NodeGoneException(String node) {
        super("node " + node + " does not exist");
    }
}
