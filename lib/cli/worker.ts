// `npm run worker`: the outbox worker on its own, for operators who run it apart (OUTBOX_WORKER=off on servers).
import { createSmtpTransport } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const transport = createSmtpTransport();
if (!transport) {
  console.error("SMTP_URL n'est pas défini : rien à envoyer.");
  process.exit(1);
}
const worker = startOutboxWorker(transport);
console.log("Envoi des courriels en attente…");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void worker.stop().then(() => process.exit(0)));
}
