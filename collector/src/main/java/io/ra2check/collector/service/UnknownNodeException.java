package io.ra2check.collector.service;

/** No Node of that name exists in the cluster (404). */
public class UnknownNodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownNodeException(String node) {
        super("no node named " + node + " in the cluster");
    }
}
