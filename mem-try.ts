import { createHtmlConverter } from "./lib/import/converter";
const c = createHtmlConverter(60_000);
const para = "<p>Au marché de <em>Douarnenez</em>, les sardines brillent sous la criée, et <a href='https://x.example/'>un lien</a>.</p>\n";
for (const size of [100_000, 300_000]) {
let t = Date.now();
const r = await c.toMarkdown(para.repeat(Math.floor(size / para.length)));
console.log(size, "body", r.ok ? "ok" : r.problem, Date.now() - t);
}
for (const size of [500_000, 1_500_000]) {
const page = `<html><head><meta name="generator" content="CanalBlog"></head><body><div itemscope itemtype="http://schema.org/Article"><h3>T</h3><div class="articlebody">${para.repeat(Math.floor(size / para.length))}</div></div></body></html>`;
let t = Date.now();
const a = await c.canalblogArticle(page, "https://x.canalblog.com/archives/2012/06/24/1.html");
console.log(size, "page", a.ok ? "ok" : a.problem, Date.now() - t);
}
await c.close();
