import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { beforeAll, describe, expect, it } from "vitest";
import { hashAddress } from "@/lib/client-id";
import { commentParagraphsHtml, commentThreadsHtml } from "@/lib/comments/html";
import { listApprovedComments } from "@/lib/comments/queries";
import { submitComment } from "@/lib/comments/mutations";
import { getTranslator } from "@/lib/i18n";
import { createBlog, createUser, submission } from "./fixtures";

// Hostile comment bodies and names, through the real path: the form's schema, the store, the
// public read, the article's comment section rendered to HTML.
const HOSTILE_BODIES = [
  "<script>alert(document.cookie)</script>",
  '<img src=x onerror="alert(1)">',
  "<svg/onload=alert(1)><iframe src=javascript:alert(2)></iframe>",
  '<a href="javascript:alert(1)">cliquez</a> et javascript:alert(3) et JaVaScRiPt:alert(4)',
  '" onmouseover="alert(1)" data-x="',
  "&lt;b&gt;gras&lt;/b&gt; &amp;amp; &#60;script&#62; &nbsp; &eacute;",
  `${"é".repeat(2000)}${"x".repeat(2990)}`,
  `Voir https://exemple.fr/${"chemin/".repeat(700)}fin et la suite.`,
  "Fichier : \u202Egnp.exe (le nom est inversé)\u202C, et \u2067isolé\u2069.",
  "Émojis : 👩🏽‍💻 🇫🇷 😀 — et un ZWJ : 👨‍👩‍👧",
  "Ligne 1\nLigne 2\n\nNouveau paragraphe\n\n\n\nEncore un.",
  "Un lien https://exemple.fr/page?a=1&b=<2>#ancre\", puis (https://exemple.org/x).",
  "<!-- commentaire --> ]]> <![CDATA[ x ]]> <style>body{display:none}</style>",
];
const HOSTILE_NAMES = ['<b onclick="alert(1)">Marc</b>', '"><script>alert(1)</script>', "\u202Eeilrahc", "Zoé 🌻", "&amp; Cie"];

// The only tags and attributes the rendered comments may contain.
const ALLOWED_TAGS = new Set(["ol", "li", "article", "div", "p", "span", "br", "a", "bdi"]);
const ALLOWED_ATTRIBUTES = new Set(["id", "class", "aria-label", "dir", "href", "rel"]);

function tagsOf(markup: string) {
  return [...markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    name: (match[1] ?? "").toLowerCase(),
    attributes: [...(match[2] ?? "").matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((attribute) => ({ name: attribute[1] ?? "", value: attribute[2] ?? "" })),
  }));
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|amp|#x27|#39);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&", "#x27": "'", "#39": "'" })[entity] ?? "");

/** What a reader sees of a rendered body: paragraphs separated by a blank line, line breaks kept. */
function visibleText(markup: string): string {
  return decode(
    markup
      .replace(/<\/p><p[^>]*>/g, "\n\n")
      .replace(/<br>/g, "\n")
      .replace(/<[^>]+>/g, ""),
  );
}

function expectInert(markup: string) {
  for (const tag of tagsOf(markup)) {
    expect(ALLOWED_TAGS, `tag <${tag.name}>`).toContain(tag.name);
    for (const attribute of tag.attributes) {
      expect(ALLOWED_ATTRIBUTES, `attribute ${attribute.name} on <${tag.name}>`).toContain(attribute.name.toLowerCase());
      if (attribute.name === "href") expect(attribute.value).toMatch(/^(https?:\/\/|\/)/);
    }
    if (tag.name === "a" && tag.attributes.some((attribute) => attribute.name === "href" && /^https?:/.test(attribute.value))) {
      expect(tag.attributes.find((attribute) => attribute.name === "rel")?.value).toBe("nofollow ugc noopener");
    }
  }
  expect(markup).not.toMatch(/href="\s*javascript:/i);
  // And as a browser reads it: every link goes to the web or to the blog.
  visit(fromHtml(markup, { fragment: true }), "element", (element) => {
    expect(ALLOWED_TAGS, `tag <${element.tagName}>`).toContain(element.tagName);
    if (element.properties.href !== undefined) expect(String(element.properties.href)).toMatch(/^(https?:\/\/|\/)/);
  });
}

let section = "";
let stored: Awaited<ReturnType<typeof listApprovedComments>> = [];

beforeAll(async () => {
  const owner = await createUser("Hôte", "hote@example.org");
  const blog = await createBlog({ slug: "carnet-hostile", ownerId: owner, moderation: "none" });
  let n = 0;
  for (const body of HOSTILE_BODIES) {
    const name = HOSTILE_NAMES[n % HOSTILE_NAMES.length] ?? "x";
    const website = n === 0 ? "https://site.exemple.fr/" : "";
    const outcome = await submitComment(submission(blog.postId, { name, body, website }), {
      clientHash: hashAddress(`192.0.2.${++n}`),
    });
    if (!outcome.ok || outcome.verdict.status !== "approved") throw new Error(`not published: ${JSON.stringify(outcome)}`);
  }
  stored = await listApprovedComments({ blogId: blog.blogId, postId: blog.postId });
  section = commentThreadsHtml(stored, "/archives/2026/01/01/premier-billet", { language: "fr", timeZone: "Europe/Paris", t: getTranslator("fr") });
});

describe("hostile comments", () => {
  it("are stored exactly as typed", () => {
    expect(stored.map((comment) => comment.body)).toEqual(HOSTILE_BODIES.map((body) => body.trim()));
  });

  it("render with no tag, attribute or address of their own among the article's comments", () => {
    expectInert(section);
    expect(section).not.toMatch(/<(script|img|svg|iframe|style|b)[\s>/]/i);
    expect(section).not.toMatch(/href="javascript:/i);
    expect(section).not.toMatch(/<!--|<!\[CDATA\[/);
  });

  it("render intact: every body reads as it was typed, paragraphs and line breaks kept", () => {
    for (const body of HOSTILE_BODIES) {
      const markup = commentParagraphsHtml(body);
      expectInert(markup);
      expect(visibleText(markup)).toBe(body.replace(/\n{3,}/g, "\n\n"));
    }
  });

  it("render names as text, isolated from the direction of the text around them", () => {
    for (const name of HOSTILE_NAMES) {
      const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
      expect(section).toContain(`<bdi>${escaped}</bdi>`);
      // And in the attributes that name the comment and its « Répondre »: escaped there too.
      expect(section).toContain(`aria-label="${escaped}"`);
      expect(section).toContain(`aria-label="Répondre à ${escaped}"`);
    }
    expect(section).toContain('<a href="https://site.exemple.fr/" rel="nofollow ugc noopener">');
  });

  it("turn http(s) addresses, and only those, into links that pass no credit", () => {
    const markup = commentParagraphsHtml(HOSTILE_BODIES[11] ?? "");
    // An address stops at a character that cannot be part of one ("<"); the rest stays text.
    expect(markup).toContain('<a href="https://exemple.fr/page?a=1&amp;b=" rel="nofollow ugc noopener">https://exemple.fr/page?a=1&amp;b=</a>&lt;2&gt;#ancre&quot;, puis');
    expect(markup).toContain('(<a href="https://exemple.org/x" rel="nofollow ugc noopener">https://exemple.org/x</a>)');
    const long = commentParagraphsHtml(HOSTILE_BODIES[7] ?? "");
    expect(long.match(/<a /g)).toHaveLength(1);
    const none = commentParagraphsHtml("mailto:a@b.fr ftp://exemple.fr //exemple.fr exemple.fr www.exemple.fr javascript:alert(1)");
    expect(none).not.toContain("<a ");
  });

  it("render a 10 000-character line whole, though the form refuses a comment that long", () => {
    const line = `${"ab".repeat(2500)}${"<&>".repeat(1666)}xy`;
    expect(line).toHaveLength(10_000);
    const markup = commentParagraphsHtml(line);
    expectInert(markup);
    expect(visibleText(markup)).toBe(line);
    expect(() => submission(1, { body: line })).toThrow(/too_big/);
  });

  it("keep right-to-left overrides and emoji as they are, inside a paragraph of automatic direction", () => {
    const rtl = commentParagraphsHtml(HOSTILE_BODIES[8] ?? "");
    expect(rtl).toBe(`<p dir="auto">${HOSTILE_BODIES[8]}</p>`);
    expect(section).toContain("👩🏽‍💻 🇫🇷 😀 — et un ZWJ : 👨‍👩‍👧");
  });
});
