import type { Metadata } from "next";
import { MailText } from "@/components/newsletter/mail-text";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { OUTBOX_STATUSES, type Language, type OutboxStatus } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatCount, formatDateTime, getTranslator, type Translator } from "@/lib/i18n";
import { countOutboxByStatus, listOutbox } from "@/lib/mail/outbox";


const SHOWN = 100;
const STATUS_KEYS = { queued: "outbox.statusQueued", sending: "outbox.statusSending", sent: "outbox.statusSent", failed: "outbox.statusFailed" } as const satisfies Record<OutboxStatus, string>;
const KIND_KEYS: Record<string, "outbox.kindNewsletterConfirm" | "outbox.kindNewsletterPost"> = { "newsletter-confirm": "outbox.kindNewsletterConfirm", "newsletter-post": "outbox.kindNewsletterPost" };

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ statut?: string | string[] }> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "outbox.title");
}

const dateTime = (value: number | null, language: Language, timeZone: string) =>
  value === null ? "—" : formatDateTime(value, language, timeZone);

const kindLabel = (kind: string, t: Translator) => {
  const key = KIND_KEYS[kind];
  return key ? t(key) : kind;
};

// Every mail the blog sent or is about to send, with its status. Without SMTP_URL (the embedded
// default) nothing leaves: the messages wait here, readable with their links. With a real mail server
// their text is not shown: confirmation links are the subscribers' own, not the blogger's to follow.
export default async function OutboxPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const base = `/admin/${slug}/boite`;
  const { blog } = await requireMemberBlog(slug, base, "outbox.view");
  const requested = (await searchParams).statut;
  const status = OUTBOX_STATUSES.find((value) => value === requested);
  const [messages, counts] = await Promise.all([listOutbox({ blogId: blog.id, status, limit: SHOWN }), countOutboxByStatus(blog.id)]);
  const showsText = !env.SMTP_URL;
  const t = getTranslator(blog.language);
  const when = (value: number | null) => dateTime(value, blog.language, blog.timeZone);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("outbox.title")}</h1>
        <p className="text-[var(--color-muted)]">
          {showsText ? t("outbox.introNoServer") : t("outbox.introServer")}
        </p>
      </header>
      <nav aria-label={t("outbox.filterLabel")} className="flex flex-wrap gap-3 text-sm">
        <a href={base} aria-current={status ? undefined : "page"} className={status ? "" : "font-bold"}>
          {t("outbox.filterAll")}
        </a>
        {OUTBOX_STATUSES.map((value) => (
          <a key={value} href={`${base}?statut=${value}`} aria-current={status === value ? "page" : undefined} className={status === value ? "font-bold" : ""}>
            {t(STATUS_KEYS[value])} ({formatCount(counts[value], blog.language)})
          </a>
        ))}
      </nav>
      {messages.length === 0 ? (
        <p className="rounded-lg bg-white p-6">{status ? t("outbox.emptyWithStatus") : t("outbox.empty")}</p>
      ) : (
        <ol className="space-y-3">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg bg-white p-4 shadow-sm" data-testid="outbox-message">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <strong>{message.subject}</strong>
                <span className={message.status === "failed" ? "font-semibold text-red-800" : "text-sm"}>{t(STATUS_KEYS[message.status])}</span>
              </p>
              <p className="text-sm text-[var(--color-muted)]">
                {kindLabel(message.kind, t)} · {t("outbox.to", { address: message.toAddress })} · {t("outbox.createdAt", { date: when(message.createdAt) })}
                {message.sentAt ? ` · ${t("outbox.sentAt", { date: when(message.sentAt) })}` : ""}
                {message.attempts > 0 ? ` · ${t("outbox.attempts", { count: message.attempts })}` : ""}
                {message.status === "queued" && message.attempts > 0 ? ` · ${t("outbox.nextAttemptAt", { date: when(message.nextAttemptAt) })}` : ""}
              </p>
              {message.lastError ? <p className="mt-1 text-sm text-red-800">{t("outbox.reason", { reason: message.lastError })}</p> : null}
              {showsText ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm">{t("outbox.messageText")}</summary>
                  <MailText text={message.textBody} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {messages.length === SHOWN ? <p className="text-sm text-[var(--color-muted)]">{t("outbox.onlyRecent", { count: SHOWN })}</p> : null}
    </div>
  );
}
