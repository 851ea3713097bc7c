import type { ReactNode } from "react";
import { BlogShell } from "@/components/blog/blog-shell";
import type { PublicBlog } from "@/lib/blogs/queries";
import type { FormResult, FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { TokenForm } from "./token-form";

/**
 * The page a newsletter mail's link leads to (confirm, unsubscribe): its title, then either why the
 * link no longer works or one button that does what the link is for.
 */
export function TokenPage({
  blog,
  id,
  title,
  problem,
  intro,
  action,
  token,
  labels,
}: {
  blog: PublicBlog;
  id: string;
  title: string;
  /** Why the link is not good any more, with what to do next; null when it is. */
  problem: ReactNode | null;
  intro: string;
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  token: string;
  labels: { submit: string; pending: string };
}) {
  const t = getTranslator(blog.language);
  return (
    <BlogShell blog={blog}>
      <section aria-labelledby={`${id}-titre`} className="max-w-xl space-y-4">
        <h1 id={`${id}-titre`} className="font-serif text-3xl font-bold">
          {title}
        </h1>
        {problem ?? (
          <>
            <p>{intro}</p>
            <TokenForm action={action} blogId={blog.id} token={token} labels={labels} />
          </>
        )}
        <p>
          <a href="/">{t("newsletter.backToBlog")}</a>
        </p>
      </section>
    </BlogShell>
  );
}

export function TokenProblem({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
      {children}
    </p>
  );
}
