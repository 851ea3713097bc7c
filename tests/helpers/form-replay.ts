// A form posted as a browser without JavaScript posts it (multipart, with the server action's hidden
// fields), to one chosen port: the tests and benches of several instances send a write to one instance.
import type { Page } from "playwright-core";
import { httpRequest, type HttpResponse } from "./http";

/** The fields a form sends when its button labelled `button` submits it (files left out). */
export function formFields(page: Page, formSelector: string, button: string): Promise<[string, string][]> {
  return page.locator(formSelector).first().evaluate((form: HTMLFormElement, label: string) => {
    const submitter = [...form.querySelectorAll("button")].find((candidate) => candidate.textContent?.trim() === label) ?? null;
    return [...new FormData(form, submitter)].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  }, button);
}

/** Posts `fields` (multipart) to 127.0.0.1:`port` under the host name `host`, from the same origin. */
export async function postForm(port: number, host: string, path: string, fields: [string, string][], headers: Record<string, string> = {}): Promise<HttpResponse> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const encoded = new Request("http://formulaire.invalid/", { method: "POST", body: form });
  return httpRequest("POST", `http://127.0.0.1:${port}${path}`, {
    headers: { Host: host, Origin: `http://${host}`, "Content-Type": encoded.headers.get("content-type") ?? "", ...headers },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
}
