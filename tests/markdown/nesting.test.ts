import { describe, expect, it } from "vitest";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "@/lib/markdown/nesting";

const nestedList = (levels: number) => Array.from({ length: levels }, (_, level) => `${"  ".repeat(level)}- niveau ${level + 1}`).join("\n");

describe("markdownNestingDepth", () => {
  it("measures a real post's nesting as a few levels", () => {
    const post = [
      "## La VAE en pratique",
      "",
      "Un **parcours** en *trois* temps, voir [le guide](https://example.org/guide) et [[1]](#note).",
      "",
      "> Citation d'une candidate :",
      "> > « J'ai enfin pu faire reconnaître _vingt ans_ de métier. »",
      "",
      "1. Recevabilité",
      "   - dossier de ~~dix~~ quinze pages",
      "     - avec les pièces",
      "2. Accompagnement",
      "",
      "| Étape | Durée |",
      "| --- | --- |",
      "| *Livret 1* | 2 mois |",
      "",
      "* * *",
      "",
      "Variables : nom_de_fichier_long, 5 * 3 * 2, prix* et ~10 km.",
    ].join("\n");
    expect(markdownNestingDepth(post)).toBeLessThanOrEqual(4);
  });

  it("counts each level of a nested list, by marker or by indentation", () => {
    expect(markdownNestingDepth(nestedList(5))).toBe(5);
    expect(markdownNestingDepth("- - - - a")).toBe(4);
    expect(markdownNestingDepth("> > > a")).toBe(3);
    expect(markdownNestingDepth("1. > 2) - a")).toBe(4);
  });

  it("does not count what fenced code holds", () => {
    const code = ["```js", "const tableau = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]];", `/*${"*".repeat(80)}*/`, "```", "", "Fin."].join("\n");
    expect(markdownNestingDepth(code)).toBeLessThanOrEqual(1);
  });

  it("still counts what follows a fence that a list item opened and the next line closes", () => {
    // The fence belongs to the list item: a line at the margin ends both, and is read as Markdown again.
    expect(markdownNestingDepth(`- \`\`\`\n${"> ".repeat(100)}a`)).toBeGreaterThan(MAX_MARKDOWN_NESTING);
    expect(markdownNestingDepth(`\`\`\`a\`b\n${"*".repeat(100)}a${"*".repeat(100)}`)).toBeGreaterThan(MAX_MARKDOWN_NESTING);
  });

  it("resets brackets and emphasis at each paragraph, list item, table row and heading", () => {
    const paragraphs = Array.from({ length: 200 }, (_, index) => `*ouvert ${index} [ouvert`).join("\n\n");
    expect(markdownNestingDepth(paragraphs)).toBe(1);
    const items = Array.from({ length: 200 }, (_, index) => `- *ouvert ${index} [ouvert`).join("\n");
    expect(markdownNestingDepth(items)).toBe(1);
    const rows = `| a | b |\n| --- | --- |\n${Array.from({ length: 200 }, () => "| *a [b | c |").join("\n")}`;
    expect(markdownNestingDepth(rows)).toBeLessThanOrEqual(2);
  });

  const pathological: [string, string][] = [
    ["5 000 nested quotations", `${"> ".repeat(5000)}a`],
    ["5 000 nested list markers", `${"- ".repeat(5000)}a`],
    ["a list nested 100 levels by indentation", nestedList(100)],
    ["5 000 emphasis delimiters around a letter", `${"*".repeat(5000)}a${"*".repeat(5000)}`],
    ["5 000 underscores around a letter", `${"_".repeat(5000)}a${"_".repeat(5000)}`],
    ["emphasis opened on 5 000 lines of one paragraph", `${"*a\n".repeat(5000)}${"a*\n".repeat(5000)}`],
    ["20 000 nested brackets", `${"[".repeat(20000)}a${"]".repeat(20000)}`],
    ["100 000 unclosed brackets", "[".repeat(100_000)],
    ["nested links and images", `${"![[".repeat(100)}a${"](x)]".repeat(100)}`],
    ["quotations and lists written with Windows line ends", `${"> - ".repeat(50)}a\r\n`],
  ];

  it.each(pathological)("finds %s deeper than the cap", (_, markdown) => {
    expect(markdownNestingDepth(markdown)).toBeGreaterThan(MAX_MARKDOWN_NESTING);
  });

  it("reads a 200 000-character text of any shape in one pass", () => {
    const started = performance.now();
    for (const [, markdown] of pathological) markdownNestingDepth(`${markdown}\n`.repeat(Math.ceil(200_000 / (markdown.length + 1))).slice(0, 200_000));
    // A generous bound that a quadratic reading of these texts could never meet.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
