import type { Metadata } from "next";
import { MailText } from "@/components/newsletter/mail-text";
import { requireMemberBlog } from "@/lib/blogs/access";
import { OUTBOX_STATUSES, type OutboxStatus } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatCount, formatDateTime } from "@/lib/i18n";
import { countOutboxByStatus, listOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Boîte de développement", robots: { index: false } };

const SHOWN = 100;
const STATUS_LABELS: Record<OutboxStatus, string> = { queued: "En attente", sending: "En cours d’envoi", sent: "Envoyé", failed: "Échec" };
const KIND_LABELS: Record<string, string> = { "newsletter-confirm": "Confirmation d’abonnement", "newsletter-post": "Nouvel article" };

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ statut?: string | string[] }> };

const dateTime = (value: number | null, timeZone: string) =>
  value === null ? "—" : formatDateTime(value, "fr", timeZone);

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
  return (
    <div className="space-y-6">
      <header>
        <h1 className="font-serif text-3xl font-bold">Boîte de développement</h1>
        <p className="text-[var(--color-muted)]">
          {showsText
            ? "Aucun serveur d’envoi n’est configuré (SMTP_URL) : les courriels de ce blog restent ici, avec leurs liens, et dans le journal du serveur."
            : "Les courriels de ce blog et leur état d’envoi : un échec est réessayé plusieurs fois avant d’être abandonné, avec sa raison."}
        </p>
      </header>
      <nav aria-label="Filtrer par statut" className="flex flex-wrap gap-3 text-sm">
        <a href={base} aria-current={status ? undefined : "page"} className={status ? "" : "font-bold"}>
          Tous
        </a>
        {OUTBOX_STATUSES.map((value) => (
          <a key={value} href={`${base}?statut=${value}`} aria-current={status === value ? "page" : undefined} className={status === value ? "font-bold" : ""}>
            {STATUS_LABELS[value]} ({formatCount(counts[value], "fr")})
          </a>
        ))}
      </nav>
      {messages.length === 0 ? (
        <p className="rounded-lg bg-white p-6">Aucun courriel{status ? " avec ce statut" : ""}.</p>
      ) : (
        <ol className="space-y-3">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg bg-white p-4 shadow-sm" data-testid="outbox-message">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <strong>{message.subject}</strong>
                <span className={message.status === "failed" ? "font-semibold text-red-800" : "text-sm"}>{STATUS_LABELS[message.status]}</span>
              </p>
              <p className="text-sm text-[var(--color-muted)]">
                {KIND_LABELS[message.kind] ?? message.kind} · à {message.toAddress} · créé le {dateTime(message.createdAt, blog.timeZone)}
                {message.sentAt ? ` · envoyé le ${dateTime(message.sentAt, blog.timeZone)}` : ""}
                {message.attempts > 0 ? ` · ${message.attempts} tentative(s)` : ""}
                {message.status === "queued" && message.attempts > 0 ? ` · prochain essai le ${dateTime(message.nextAttemptAt, blog.timeZone)}` : ""}
              </p>
              {message.lastError ? <p className="mt-1 text-sm text-red-800">Raison : {message.lastError}</p> : null}
              {showsText ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm">Texte du message</summary>
                  <MailText text={message.textBody} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {messages.length === SHOWN ? <p className="text-sm text-[var(--color-muted)]">Seuls les {SHOWN} plus récents sont affichés.</p> : null}
    </div>
  );
}
