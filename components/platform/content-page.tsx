/** A trusted MDX page of the platform (content/pages), in the house typography. */
export function ContentPage({ children }: { children: React.ReactNode }) {
  return <article className="prose prose-stone mx-auto max-w-3xl prose-headings:font-serif">{children}</article>;
}
