// For server code run in a plain Node process (node --import this --import tsx …): "server-only"
// throws outside Next's server bundles, so it resolves to an empty module here, as under Vitest.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
