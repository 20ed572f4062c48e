package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** The logic of one requirement: a pure function of the host's facts and the requirement's thresholds. */
public interface Check {
    /** The requirement ID this check decides. */
    String id();

    Finding evaluate(HostFacts facts, Requirement requirement);
}
