package io.ra2check.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * requirements.json is requirements.yaml converted. After editing the YAML, regenerate it with
 * {@code mvn -q -pl report-model test -Dtest=RequirementsJsonTest -Dra2check.regenerate=true}.
 */
class RequirementsJsonTest {
    private static final Path DIR = Path.of(System.getProperty("basedir", "."),
            "src/main/resources/io/ra2check/report");

    @Test
    void theLoadedJsonIsTheYamlPeopleEdit() throws Exception {
        JsonNode yaml = new YAMLMapper().readTree(Files.readAllBytes(DIR.resolve(RequirementCatalog.SOURCE)));
        Path json = DIR.resolve(RequirementCatalog.RESOURCE);
        if (Boolean.getBoolean("ra2check.regenerate")) {
            Files.write(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(yaml));
        }
        assertEquals(yaml, JsonMapper.builder().build().readTree(Files.readAllBytes(json)),
                "requirements.json is out of date: regenerate it with mvn -q -pl report-model test "
                        + "-Dtest=RequirementsJsonTest -Dra2check.regenerate=true");
    }
}
