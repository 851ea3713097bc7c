import { describe, expect, it } from "vitest";
import { MAX_MARKDOWN_LENGTH, renderMarkdownSafely } from "@/lib/markdown/render";
import { renderedHtml } from "../helpers/markdown";

async function excerptFromMarkdown(markdown: string): Promise<string> {
  const rendered = await renderMarkdownSafely(markdown);
  if (!rendered.ok) throw new Error(`refused: ${rendered.reason}`);
  return rendered.excerpt;
}

describe("renderMarkdownSafely", () => {
  it("renders headings with ids, emphasis, lists, quotations and images", async () => {
    const html = await renderedHtml(
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
    expect(html).toContain('<h2 id="user-content-ce-qui-change">Ce qui change</h2>');
    expect(html).toContain("<strong>gras</strong>");
    expect(html).toContain("<em>italique</em>");
    expect(html).toMatch(/<li>un<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>« Apprendre, c’est changer. »<\/p>\s*<\/blockquote>/);
    expect(html).toContain('<img src="/static/demo/schema.svg" alt="Un schéma">');
    expect(html).toContain('<a href="https://example.org/page" rel="nofollow ugc noopener">lien</a>');
  });

  it("keeps French typography: guillemets, apostrophes, non-breaking spaces and dashes", async () => {
    const text = "Elle a dit\u00a0: «\u00a0c’est l’essentiel\u00a0» — vraiment\u202f!";
    const html = await renderedHtml(text);
    const decoded = html.replace(/&#x([0-9A-F]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(decoded).toBe(`<p>${text}</p>`);
  });

  it("renders GitHub-flavoured tables and strikethrough", async () => {
    const html = await renderedHtml("| Dispositif | Durée |\n| --- | --- |\n| VAE | 12 mois |\n\n~~ancien~~");
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

  it.each(hostile)("leaves nothing executable from %s", async (_, markdown) => {
    const html = await renderedHtml(markdown);
    expect(html).not.toMatch(/<script|<iframe|<style|<svg|<form|<input/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  });

  it("drops raw HTML blocks but keeps the author's text around them", async () => {
    const html = await renderedHtml('Avant\n\n<div onclick="x()">dedans</div>\n\nAprès');
    expect(html).toContain("<p>Avant</p>");
    expect(html).toContain("<p>Après</p>");
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("<div");
  });

  it("does not let an author choose element ids that could clobber the page", async () => {
    const html = await renderedHtml("## Titre\n\n[^1]\n\n[^1]: note");
    expect(html).not.toMatch(/id="(?!user-content-|titre)/);
  });
});

describe("heading ids and in-page links", () => {
  it("prefixes heading ids so that a heading cannot name a global of the page", async () => {
    const html = await renderedHtml("# __next_f\n\n## self\n\n### Titre");
    expect(html).toContain('<h1 id="user-content-__next_f">__next_f</h1>');
    expect(html).toContain('<h2 id="user-content-self">self</h2>');
    expect(html).not.toMatch(/\s(id|name)="(?!user-content-)/);
  });

  it("points links to a heading of the post at its prefixed id", async () => {
    const html = await renderedHtml("## Les étapes\n\nVoir [plus bas](#les-étapes), [encore](#les-%C3%A9tapes) et [ailleurs](#absent).");
    expect(html).toContain('<h2 id="user-content-les-étapes">Les étapes</h2>');
    expect(html).toContain('<a href="#user-content-les-étapes">plus bas</a>');
    expect(html).toContain('<a href="#user-content-les-étapes">encore</a>');
    expect(html).toContain('<a href="#absent">ailleurs</a>');
  });

  it("keeps footnote calls, notes and their way back pointing at each other", async () => {
    const html = await renderedHtml("Une affirmation[^source].\n\n[^source]: Rapport de 2024.");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets.length).toBe(2);
    for (const target of targets) expect(ids).toContain(target);
    const described = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(ids).toContain(described);
    for (const id of ids) expect(id).toMatch(/^user-content-/);
  });
});

describe("texts renderMarkdownSafely refuses", () => {
  it("refuses a text longer than the cap without reading it", async () => {
    expect(await renderMarkdownSafely("a".repeat(MAX_MARKDOWN_LENGTH + 1))).toEqual({ ok: false, reason: "too-large" });
  });

  const pathological: [string, string][] = [
    ["20 000 nested brackets", `${"[".repeat(20000)}a${"]".repeat(20000)}`],
    ["5 000 nested quotations", `${"> ".repeat(5000)}a`],
    ["5 000 emphasis delimiters around a letter", `${"*".repeat(5000)}a${"*".repeat(5000)}`],
  ];

  it.each(pathological)("answers « too complex » for %s", async (_, markdown) => {
    expect(await renderMarkdownSafely(markdown)).toEqual({ ok: false, reason: "too-complex" });
  });

  it("gives up on a render over its time limit, then renders the next text on a fresh thread", async () => {
    const table = `| a | b |\n| --- | --- |\n${"| cellule | **gras** |\n".repeat(8000)}`;
    expect(await renderMarkdownSafely(table, 1)).toEqual({ ok: false, reason: "too-complex" });
    expect(await renderedHtml("Après l'abandon, *tout* va bien.")).toBe("<p>Après l'abandon, <em>tout</em> va bien.</p>");
  }, 60_000);

  it("renders a legitimate 160 KB table", async () => {
    const rows = Array.from({ length: 2200 }, (_, index) => `| Session ${index} | Formation **continue** | [inscription](https://example.org/${index}) |`);
    const table = `| Session | Intitulé | Lien |\n| --- | --- | --- |\n${rows.join("\n")}`;
    expect(table.length).toBeGreaterThan(160_000);
    const rendered = await renderMarkdownSafely(table, 60_000);
    expect(rendered.ok && rendered.html.match(/<tr>/g)?.length).toBe(2201);
  }, 60_000);
});

describe("the excerpt of renderMarkdownSafely", () => {
  it("takes the text of the first paragraphs without Markdown syntax", async () => {
    expect(await excerptFromMarkdown("## Titre\n\nDu **gras** et un [lien](https://example.org).")).toBe("Du gras et un lien.");
  });

  it("cuts a long text on a word boundary and marks the cut", async () => {
    const excerpt = await excerptFromMarkdown("mot ".repeat(200));
    expect(excerpt.length).toBeLessThanOrEqual(241);
    expect(excerpt.endsWith("mot…")).toBe(true);
  });
});
