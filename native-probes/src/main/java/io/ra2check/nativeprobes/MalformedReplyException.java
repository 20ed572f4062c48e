package io.ra2check.nativeprobes;

/**
 * A kernel reply that does not have the layout the kernel headers define: too short, a length field pointing outside
 * the buffer, a missing mandatory attribute. The decoders throw this and nothing else; the probe turns it into an
 * unknown fact whose reason is the message.
 */
final class MalformedReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
