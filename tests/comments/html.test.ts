import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { commentHtml, commentParagraphsHtml, commentThreadsHtml } from "@/lib/comments/html";
import type { PublicComment } from "@/lib/comments/queries";
import { REPLY_CLASS, repliedCommentId } from "@/lib/comments/reply-link";
import { isSafeWebAddress } from "@/lib/comments/validation";
import { getTranslator } from "@/lib/i18n";
import { submission } from "./fixtures";

// The comments' HTML read as a browser reads it (parse5, through hast), with values an import may
// bring (lib/import keeps names and addresses as the old blog had them: control characters, NUL,
// the renderer's own \u0000marks\u0000) and that the form would refuse.

const ARTICLE = "/archives/2026/01/01/premier-billet";
const fr = { language: "fr" as const, timeZone: "Europe/Paris", t: getTranslator("fr") };
const en = { language: "en" as const, timeZone: "Europe/Paris", t: getTranslator("en") };

const comment = (id: number, values: Partial<PublicComment> = {}): PublicComment => ({
  id,
  parentId: null,
  authorName: `Lectrice ${id}`,
  authorUrl: null,
  isMember: false,
  body: `Texte ${id}`,
  createdAt: Date.UTC(2026, 0, id, 12),
  ...values,
});

type Node = { element: Element; parent: Node | null };

/** Every element of the parsed markup, with its parent element (for `closest` and `>`). */
function elementsOf(markup: string): Node[] {
  const nodes: Node[] = [];
  const walk = (children: (RootContent | Element["children"][number])[], parent: Node | null) => {
    for (const child of children) {
      if (child.type !== "element") continue;
      const node = { element: child, parent };
      nodes.push(node);
      walk(child.children, node);
    }
  };
  walk((fromHtml(markup, { fragment: true }) as Root).children, null);
  return nodes;
}

const textOf = (element: Element): string =>
  element.children.map((child) => (child.type === "text" ? child.value : child.type === "element" ? textOf(child) : "")).join("");
const attribute = (element: Element, name: string) => (element.properties[name] === undefined ? undefined : String(element.properties[name]));
const classes = (element: Element) => (Array.isArray(element.properties.className) ? element.properties.className.map(String) : []);
const closest = (node: Node | null, tagName: string): Node | null => (node === null || node.element.tagName === tagName ? node : closest(node.parent, tagName));

/** What the browser makes of a value in an attribute (NUL becomes U+FFFD, CR a line feed). */
const asAttribute = (value: string) => value.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
/** …and in text (NUL dropped). */
const asText = (value: string) => value.replace(/\r\n?/g, "\n").replace(/\0/g, "");

const ALLOWED_TAGS = new Set(["li", "ol", "article", "div", "p", "span", "br", "a", "bdi"]);
const ALLOWED_PROPERTIES = new Set(["id", "className", "ariaLabel", "dir", "href", "rel"]);

/** No tag, attribute or address but the renderer's own; every link to the web (rel without credit) or to the blog. */
function expectInert(nodes: Node[]) {
  for (const { element } of nodes) {
    expect(ALLOWED_TAGS, `tag <${element.tagName}>`).toContain(element.tagName);
    for (const property of Object.keys(element.properties)) expect(ALLOWED_PROPERTIES, `${property} on <${element.tagName}>`).toContain(property);
    const href = attribute(element, "href");
    if (href !== undefined) {
      expect(element.tagName).toBe("a");
      if (href.startsWith("/")) expect(href).toMatch(/^\/archives\/2026\/01\/01\/premier-billet\/repondre\/\d+$/);
      else {
        expect(isSafeWebAddress(href), href).toBe(true);
        expect(element.properties.rel).toEqual(["nofollow", "ugc", "noopener"]);
      }
    }
  }
}

// A little deterministic generator of hostile strings (no dependency, the same every run).
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
const PIECES = [
  "<", ">", '"', "'", "&", "=", "/", " ", "\0", "\u0001", "\u001f", "\r", "\n", "\t", "\u2028", "\u202e", "\ud83d", "😀",
  "\0date\0", "\0name\0", "\0author\0", "\0__proto__\0", "&amp;", "&quot;", "&#34;", "&#x3c;", "&lt;script&gt;",
  "<script>", "</bdi>", "</p>", "</a>", "</article>", "</li></ol>", "<a href=", "javascript:", "data:text/html,", " onclick=", "-->", "<!--",
  "https://exemple.fr/", "http://x.fr/repondre/7", "https://moi:secret@exemple.fr/", "http://localhost/", "/repondre/1", "${a}", "$&", "$1", "repondre", "Zoé",
];
function hostile(next: () => number, length: number) {
  let text = "";
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe("the comments' HTML, with values a commenter or an old blog may send", () => {
  it("shows a name carrying the template's marks as typed, without filling them in", () => {
    const names = ["\0date\0", "avant \0name\0 après", "\0author\0", "\0reply\0\0x\0"];
    const markup = commentThreadsHtml(
      names.map((authorName, index) => comment(index + 1, { authorName })),
      ARTICLE,
      fr,
    );
    names.forEach((name, index) => {
      expect(markup).toContain(`<p><bdi>${name}</bdi> le ${index + 1} janvier 2026</p>`);
      expect(markup).toContain(`aria-label="Répondre à ${name}"`);
    });
    // One date per comment: the name's marks did not bring another.
    expect(markup.match(/janvier 2026/g)).toHaveLength(names.length);
  });

  it("reaches the renderer without marks from the form: a typed name's control characters become spaces", () => {
    expect(submission(1, { name: "Anne\0date\0\u0001Marie\0name\0" }).fields.name).toBe("Anne date Marie name");
  });

  it("keeps every hostile name, address and body inert, and readable as written (600 random comments, French and English)", () => {
    const next = random(20261203);
    for (let round = 0; round < 60; round++) {
      const comments = Array.from({ length: 10 }, (_, index) => {
        const id = round * 10 + index + 1;
        const url = next() < 0.5 ? `https://exemple.fr/${hostile(next, 4)}` : hostile(next, 3);
        return comment(id, {
          authorName: hostile(next, 1 + Math.floor(next() * 6)),
          authorUrl: url,
          body: hostile(next, Math.floor(next() * 30)) || "x",
          isMember: next() < 0.2,
          parentId: index > 0 && next() < 0.4 ? id - 1 : null,
        });
      });
      for (const context of [fr, en]) {
        const nodes = elementsOf(commentThreadsHtml(comments, ARTICLE, context));
        expectInert(nodes);
        const articles = nodes.filter((node) => node.element.tagName === "article");
        for (const { element } of articles) {
          const shown = comments.find((candidate) => `commentaire-${candidate.id}` === attribute(element, "id"));
          if (!shown) throw new Error(`unknown article ${attribute(element, "id")}`);
          // The name the reply form's title is read from (reply-forms.tsx) is the author's, as typed.
          expect(attribute(element, "ariaLabel")).toBe(asAttribute(shown.authorName));
          const bdi = nodes.find((node) => node.element.tagName === "bdi" && closest(node, "article")?.element === element);
          expect(bdi && textOf(bdi.element)).toBe(asText(shown.authorName));
          const website = bdi?.element.children.find((child): child is Element => child.type === "element" && child.tagName === "a");
          const safe = shown.authorUrl !== null && isSafeWebAddress(shown.authorUrl);
          expect(website ? attribute(website, "href") : null).toBe(safe ? asAttribute(shown.authorUrl ?? "") : null);
        }
      }
    }
  });

  it("opens a reply form only from the « Répondre » links, never from an address in a comment that looks like one", () => {
    const comments = [
      comment(1, { body: `Répondez ici : https://exemple.fr${ARTICLE}/repondre/2 ou http://x.fr/repondre/3` }),
      comment(2, { parentId: 1, body: `${ARTICLE}/repondre/1 https://exemple.fr/repondre/1`, authorUrl: "https://exemple.fr/repondre/1" }),
      comment(3, { authorName: "repondre", body: "texte" }),
    ];
    for (const context of [fr, en]) {
      const nodes = elementsOf(commentThreadsHtml(comments, ARTICLE, context));
      // The client's selector: `a.${REPLY_CLASS}`, then the id from its address.
      const replyLinks = nodes.filter((node) => node.element.tagName === "a" && classes(node.element).includes(REPLY_CLASS));
      expect(replyLinks.map((node) => repliedCommentId(attribute(node.element, "href") ?? ""))).toEqual([1, 3]);
      for (const node of replyLinks) {
        // The id read is the comment the link sits under, whose aria-label names the form's addressee.
        const article = closest(node, "article")?.element;
        expect(article && attribute(article, "id")).toBe(`commentaire-${repliedCommentId(attribute(node.element, "href") ?? "")}`);
        expect(textOf(node.element)).toBe(context === fr ? "Répondre" : "Reply");
      }
      // The addresses in bodies and names are links, outside any « Répondre ».
      expect(nodes.filter((node) => node.element.tagName === "a")).toHaveLength(2 + 4);
    }
  });

  it("nests replies under their thread, and the replies whose first comment is not shown under the first of them, in the list's order", () => {
    const markup = commentThreadsHtml(
      [comment(1), comment(2, { parentId: 1 }), comment(3, { parentId: 99 }), comment(4), comment(5, { parentId: 1 }), comment(6, { parentId: 4 }), comment(7, { parentId: 99 })],
      ARTICLE,
      fr,
    );
    const nodes = elementsOf(markup);
    const threads = nodes.filter((node) => node.element.tagName === "li" && node.parent === null);
    const idsIn = (node: Node) =>
      nodes.filter((other) => other.element.tagName === "article" && closest(other.parent, "li") === node).map((other) => attribute(other.element, "id"));
    const topIds = threads.map((thread) => idsIn(thread)[0]);
    expect(topIds).toEqual(["commentaire-1", "commentaire-3", "commentaire-4"]);
    const nested = (id: string) =>
      nodes
        .filter((node) => node.element.tagName === "article" && closest(closest(node, "li")?.parent ?? null, "li")?.element === closest(nodes.find((n) => attribute(n.element, "id") === id) ?? null, "li")?.element)
        .map((node) => attribute(node.element, "id"));
    expect(nested("commentaire-1")).toEqual(["commentaire-2", "commentaire-5"]);
    expect(nested("commentaire-4")).toEqual(["commentaire-6"]);
    // Comment 99 was withdrawn: its thread goes on under its first reply shown, where an answer to it is read.
    expect(nested("commentaire-3")).toEqual(["commentaire-7"]);
    // « Répondre » under each thread only: the reply whose first comment is gone may be answered.
    expect([...markup.matchAll(/\/repondre\/(\d+)"/g)].map((match) => match[1])).toEqual(["1", "3", "4"]);
  });

  it("shows every comment once: a reply to a reply goes under the first comment of its thread that is shown", () => {
    // The app answers a reply in its thread (one level), but a comment's parent is only a number: an
    // older store, or a cycle, must not make a published comment vanish from its article.
    const comments = [
      comment(1),
      comment(2, { parentId: 1 }),
      comment(3, { parentId: 2 }),
      comment(4, { parentId: 3 }),
      comment(5, { parentId: 98 }),
      comment(6, { parentId: 5 }),
      comment(7, { parentId: 7 }),
      comment(8, { parentId: 9 }),
      comment(9, { parentId: 8 }),
    ];
    const markup = commentThreadsHtml(comments, ARTICLE, fr);
    const nodes = elementsOf(markup);
    const shownIds = nodes.filter((node) => node.element.tagName === "article").map((node) => attribute(node.element, "id"));
    expect(shownIds.toSorted()).toEqual(comments.map((one) => `commentaire-${one.id}`).toSorted());
    const threadOf = (id: number) => {
      const article = nodes.find((node) => attribute(node.element, "id") === `commentaire-${id}`) ?? null;
      let item = closest(article, "li");
      while (item?.parent && closest(item.parent, "li")) item = closest(item.parent, "li");
      return nodes.find((node) => node.element.tagName === "article" && closest(node, "li") === item)?.element.properties.id;
    };
    expect([2, 3, 4].map(threadOf)).toEqual(["commentaire-1", "commentaire-1", "commentaire-1"]);
    expect(threadOf(6)).toBe("commentaire-5");
    expect(threadOf(7)).toBe("commentaire-7");
    // Replies keep the list's order under their thread, and only threads have a « Répondre ».
    expect(markup.indexOf("commentaire-2")).toBeLessThan(markup.indexOf("commentaire-3"));
    expect(markup.indexOf("commentaire-3")).toBeLessThan(markup.indexOf("commentaire-4"));
    expect([...markup.matchAll(/\/repondre\/(\d+)"/g)].map((match) => Number(match[1]))).toEqual([1, 5, 7, 8, 9].filter((id) => threadOf(id) === `commentaire-${id}`));
  });

  it("shows the blog's members with the badge after their name, in the blog's language, and no one else", () => {
    const comments = [comment(1, { isMember: true, authorName: "Hôte" }), comment(2, { authorName: "Auteur du blog" })];
    expect(commentThreadsHtml(comments, ARTICLE, en)).toContain(
      '<p><bdi>Hôte</bdi><span class="ml-1 rounded bg-[var(--accent)] px-1.5 py-0.5 text-xs font-semibold text-white">Blog author</span> on January 1, 2026</p>',
    );
    const french = commentThreadsHtml(comments, ARTICLE, fr);
    expect(french.match(/<span/g)).toHaveLength(1);
    expect(french).toContain('<p><bdi>Auteur du blog</bdi> le 2 janvier 2026</p>');
    expect(french).toContain('aria-label="Répondre à Hôte">Répondre</a>');
    expect(commentThreadsHtml(comments, ARTICLE, en)).toContain('aria-label="Reply to Hôte">Reply</a>');
  });

  it("links a name to its website only for an http(s) address with a host name, escaped in the attribute", () => {
    const cases: [string | null, string | null][] = [
      ["https://exemple.fr/a?b=1&c=\"'<>", 'https://exemple.fr/a?b=1&amp;c=&quot;&#39;&lt;&gt;'],
      ["javascript:alert(1)", null],
      ["JAVASCRIPT:alert(1)//https://exemple.fr", null],
      [" java\tscript:alert(1)", null],
      ["data:text/html,<script>alert(1)</script>", null],
      ["https://localhost/", null],
      ["https://moi:secret@exemple.fr/", null],
      ["//exemple.fr", null],
      [null, null],
    ];
    for (const [authorUrl, href] of cases) {
      const markup = commentHtml(comment(1, { authorUrl }), fr);
      if (href === null) expect(markup, String(authorUrl)).toContain("<p><bdi>Lectrice 1</bdi> le 1 janvier 2026</p>");
      else expect(markup).toContain(`<bdi><a href="${href}" rel="nofollow ugc noopener">Lectrice 1</a></bdi>`);
      expectInert(elementsOf(markup));
    }
  });

  it("renders a body at the length limit, with hundreds of addresses and marks, as text and links only", () => {
    const body = `${"<a href=javascript:alert(1)>\0name\0 https://exemple.fr/?q=\"x\n".repeat(80)}`.slice(0, 5000);
    const markup = commentParagraphsHtml(body);
    const nodes = elementsOf(`<div>${markup}</div>`).slice(1);
    expectInert(nodes);
    expect(nodes.filter((node) => node.element.tagName === "a")).toHaveLength(body.match(/https:/g)?.length ?? -1);
    expect(markup).not.toMatch(/<a href=javascript/i);
  });
});
