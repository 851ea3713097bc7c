import type { MDXComponents } from "mdx/types";

// Trusted platform pages (content/pages/*.mdx) use the plain HTML elements, styled by the prose class.
export function useMDXComponents(components: MDXComponents): MDXComponents {
  return components;
}
