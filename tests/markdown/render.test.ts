import { describe, expect, it } from "vitest";
import { excerptFromMarkdown, renderMarkdown } from "@/lib/markdown/render";

describe("renderMarkdown", () => {
  it("renders headings with ids, emphasis, lists, quotations and images", () => {
    const html = renderMarkdown(
      [
        "## Ce qui change",
        "",
        "Du **gras**, de l’*italique* et un [lien](https://example.org/page).",
        "",
        "- un",
        "- deux",
        "",
        "> « Apprendre, c’est changer. »",
        "",
        "![Un schéma](/static/demo/schema.svg)",
      ].join("\n"),
    );
    expect(html).toContain('<h2 id="ce-qui-change">Ce qui change</h2>');
    expect(html).toContain("<strong>gras</strong>");
    expect(html).toContain("<em>italique</em>");
    expect(html).toMatch(/<li>un<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>« Apprendre, c’est changer. »<\/p>\s*<\/blockquote>/);
    expect(html).toContain('<img src="/static/demo/schema.svg" alt="Un schéma">');
    expect(html).toContain('<a href="https://example.org/page" rel="nofollow ugc noopener">lien</a>');
  });

  it("keeps French typography: guillemets, apostrophes, non-breaking spaces and dashes", () => {
    const text = "Elle a dit\u00a0: «\u00a0c’est l’essentiel\u00a0» — vraiment\u202f!";
    const html = renderMarkdown(text);
    const decoded = html.replace(/&#x([0-9A-F]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(decoded).toBe(`<p>${text}</p>`);
  });

  it("renders GitHub-flavoured tables and strikethrough", () => {
    const html = renderMarkdown("| Dispositif | Durée |\n| --- | --- |\n| VAE | 12 mois |\n\n~~ancien~~");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>VAE</td>");
    expect(html).toContain("<del>ancien</del>");
  });

  const hostile: [string, string][] = [
    ["a script element", "<script>alert(1)</script>"],
    ["an event-handler attribute", '<img src="x.png" onerror="alert(1)">'],
    ["a javascript: link", "[clic](javascript:alert(1))"],
    ["a javascript: link with odd case and entities", "[clic](JaVaScRiPt&#58;alert(1))"],
    ["a data: image", "![x](data:image/svg+xml;base64,PHN2Zz4=)"],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["an iframe", '<iframe src="https://example.org"></iframe>'],
    ["a style element", "<style>body{display:none}</style>"],
    ["an svg with onload", '<svg onload="alert(1)"></svg>'],
    ["a form", '<form action="https://evil.example"><input name="password"></form>'],
    ["a vbscript: link", "[x](vbscript:msgbox(1))"],
  ];

  it.each(hostile)("leaves nothing executable from %s", (_, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<script|<iframe|<style|<svg|<form|<input/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  });

  it("drops raw HTML blocks but keeps the author's text around them", () => {
    const html = renderMarkdown('Avant\n\n<div onclick="x()">dedans</div>\n\nAprès');
    expect(html).toContain("<p>Avant</p>");
    expect(html).toContain("<p>Après</p>");
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("<div");
  });

  it("does not let an author choose element ids that could clobber the page", () => {
    const html = renderMarkdown("## Titre\n\n[^1]\n\n[^1]: note");
    expect(html).not.toMatch(/id="(?!user-content-|titre)/);
  });
});

describe("excerptFromMarkdown", () => {
  it("takes the text of the first paragraphs without Markdown syntax", () => {
    expect(excerptFromMarkdown("## Titre\n\nDu **gras** et un [lien](https://example.org).")).toBe("Du gras et un lien.");
  });

  it("cuts a long text on a word boundary and marks the cut", () => {
    const excerpt = excerptFromMarkdown("mot ".repeat(200), 50);
    expect(excerpt.length).toBeLessThanOrEqual(51);
    expect(excerpt.endsWith("mot…")).toBe(true);
  });
});
