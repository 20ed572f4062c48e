package io.ra2check.collector.it;

import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.auth.ReadAuthorizer;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read API behind TokenReview + SubjectAccessReview for {@code get reports.ra2check.io} in the collector's
 * namespace, as kube-rbac-proxy would put it; the page's static assets carry no data and stay open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAuthTest {
    private static final String READER = "system:serviceaccount:ops:dashboard";
    private Fixture f;
    private Http http;

    @BeforeAll
    void start() {
        f = new Fixture();
        f.cluster.createNode("w1");
        CollectorConfig config = Fixture.config("r").withTrust(CollectorConfig.Trust.defaults().withReadAuth(true));
        http = f.http(f.startLeader(config));
        assertEquals(200, http.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json())
                .statusCode());
        f.cluster.allow(READER, ReadAuthorizer.VERB, ReadAuthorizer.GROUP, ReadAuthorizer.RESOURCE, "ra2check");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private static void refused(int status, String start, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":\"" + start), r.body());
        assertTrue(!r.body().contains("\"nodes\"") && !r.body().contains("w1\""), "no data leaks: " + r.body());
    }

    @Test
    void withoutATokenTheReadApiAnswers401() {
        for (String path : new String[] {"/api/v1/nodes", "/api/v1/nodes/w1", "/api/v1/workloads"}) {
            HttpResponse<String> r = http.get(path);
            refused(401, "the read API needs a bearer token", r);
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        refused(401, "the API server does not accept this token", http.get("/api/v1/nodes", "forged"));
    }

    @Test
    void aUserWithoutTheGrantGets403AndAnAgentTokenIsNoReaderEither() {
        refused(403, "user system:serviceaccount:ops:intruder may not get reports.ra2check.io in namespace "
                + "ra2check", http.get("/api/v1/nodes", f.cluster.userToken("system:serviceaccount:ops:intruder")));
        refused(403, "user system:serviceaccount:ops:intruder may not get reports.ra2check.io", http.get(
                "/api/v1/workloads", f.cluster.userToken("system:serviceaccount:ops:intruder")));
        // an agent's token is for the collector's audience, not the API server's: the TokenReview refuses it
        refused(401, "the API server does not accept this token", http.get("/api/v1/nodes/w1",
                f.cluster.agentToken("w1")));
    }

    @Test
    void aGrantedReaderReadsAndIsCachedBriefly() {
        String token = f.cluster.userToken(READER);
        int before = f.cluster.accessReviews();
        HttpResponse<String> list = http.get("/api/v1/nodes", token);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"name\":\"w1\""), list.body());
        assertEquals(200, http.get("/api/v1/nodes/w1", token).statusCode());
        assertEquals(200, http.get("/api/v1/workloads", token).statusCode());
        assertEquals(before + 1, f.cluster.accessReviews(), "the second read is answered from the cache");
    }

    @Test
    void healthAndThePagesAssetsNeedNoToken() {
        for (String path : new String[] {"/healthz", "/", "/app.js", "/style.css"}) {
            assertEquals(200, http.get(path).statusCode(), path);
        }
    }
}
