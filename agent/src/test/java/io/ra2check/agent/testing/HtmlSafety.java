package io.ra2check.agent.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every HTML page ra2check writes must satisfy, whatever the snapshots held. */
public final class HtmlSafety {
    private HtmlSafety() {
    }

    /** Everything the pages may contain: no script, no form, no image, no frame, no link to a style sheet. */
    static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "header", "section",
            "h1", "h2", "h3", "p", "div", "span", "b", "code", "a", "ul", "li", "br", "table", "colgroup", "col",
            "thead", "tbody", "tr", "th", "td");
    static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class", "id",
            "href", "title", "colspan", "data-status");

    /**
     * The page is well-formed, holds only the elements and attributes the renderer writes, links only within itself,
     * and carries a policy that forbids loading anything: whatever a snapshot holds cannot add markup or reach out.
     */
    public static Document assertSafePage(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        Document d = Xml.parse(html);
        for (Element e : Xml.all(d)) {
            assertTrue(ELEMENTS.contains(e.getTagName()), "unexpected element <" + e.getTagName() + ">");
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                String name = attrs.item(i).getNodeName();
                assertTrue(ATTRIBUTES.contains(name), "unexpected attribute " + name + " on <" + e.getTagName() + ">");
                if (name.equals("href")) {
                    assertTrue(attrs.item(i).getNodeValue().startsWith("#"), "link out: " + attrs.item(i));
                }
            }
        }
        assertEquals(1, d.getElementsByTagName("style").getLength());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                Xml.select(d, "meta", "http-equiv", "Content-Security-Policy").get(0).getAttribute("content"));
        return d;
    }
}
