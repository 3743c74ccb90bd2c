import { createRequire } from 'node:module';
import type nodemailer from 'nodemailer';

/** Sends a notification by e-mail to the node's configured recipients. */
export interface Mailer {
  send(subject: string, text: string): Promise<void>;
  close(): void;
}

/**
 * The mailer for ACCORD_SMTP_URL, or undefined when it is not set. Recipients and sender ride in
 * the URL's query so the whole mail set-up is one setting:
 * `smtp://user:pass@mail.example:587/?from=accord@cert.example&to=duty@cert.example,lead@cert.example`.
 * Without `to` there is nobody to write to, and no mailer.
 */
export function createMailer(smtpUrl: string | undefined, defaultFrom: string): Mailer | undefined {
  if (!smtpUrl) return undefined;
  const url = new URL(smtpUrl);
  const to = (url.searchParams.get('to') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const from = url.searchParams.get('from') ?? defaultFrom;
  if (to.length === 0) return undefined;
  const secure = url.protocol === 'smtps:';
  // Required here, not at start: with its DNS, TLS and HTTPS modules it took 20-40 ms of
  // every command's start, though only a node with ACCORD_SMTP_URL ever sends mail.
  const mail = createRequire(import.meta.url)('nodemailer') as typeof nodemailer;
  const transport = mail.createTransport({
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 25)),
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // `?tls=insecure` accepts a relay with a self-signed certificate (explicit, never by default).
    tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
    connectionTimeout: 10_000,
  });
  return {
    async send(subject, text) {
      await transport.sendMail({ from, to, subject, text });
    },
    close() {
      transport.close();
    },
  };
}
