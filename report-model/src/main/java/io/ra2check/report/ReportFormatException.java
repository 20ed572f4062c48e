package io.ra2check.report;

/** A report document that is not a valid ra2check report; the message names the field and what is wrong with it. */
public class ReportFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message) {
        super(message);
    }
}
