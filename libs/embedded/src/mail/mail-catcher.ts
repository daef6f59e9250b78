import { createServer, type Server } from 'node:http';
import type { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  /** Message-ID header: a retransmission of the same mail carries the same one (mail clients collapse them). */
  messageId: string | null;
  text: string;
  html: string | null;
  receivedAt: string;
  headers: Record<string, string>;
}

/**
 * An SMTP server that keeps every mail it receives (a real SMTP conversation, parsed with mailparser),
 * with a small HTTP view: `/` (HTML list), `/api/messages` (JSON), `DELETE /api/messages`.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private smtp?: SMTPServer;
  private http?: Server;
  private nextId = 1;
  private listeners: Array<(mail: CaughtMail) => void> = [];

  constructor(private readonly options: { smtpPort: number; httpPort?: number; host?: string }) {}

  async start(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    // Loaded here: importing this lib (the dev IdP does, for the test citizens) pulls in no SMTP server.
    const [{ simpleParser }, { SMTPServer: Smtp }] = await Promise.all([import('mailparser'), import('smtp-server')]);
    this.smtp = new Smtp({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const mail: CaughtMail = {
              id: this.nextId++,
              from: parsed.from?.text ?? String(session.envelope.mailFrom && session.envelope.mailFrom.address),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              messageId: parsed.messageId ?? null,
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              receivedAt: new Date().toISOString(),
              headers: Object.fromEntries(
                [...parsed.headers.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
              ),
            };
            this.mails.push(mail);
            for (const l of this.listeners) l(mail);
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.smtp!.once('error', reject);
      this.smtp!.listen(this.options.smtpPort, host, () => resolve());
    });
    // A client's broken connection is reported as a server 'error': with no listener it would throw in the process
    // that runs the catcher (npm start's supervisor). It ends that one conversation only.
    this.smtp.on('error', () => undefined);
    if (this.options.httpPort !== undefined) {
      this.http = createServer((req, res) => {
        if (req.method === 'DELETE' && req.url === '/api/messages') {
          this.mails.length = 0;
          res.writeHead(204).end();
        } else if (req.url?.startsWith('/api/messages')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.mails));
        } else {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(this.renderHtml());
        }
      });
      await new Promise<void>((resolve) => this.http!.listen(this.options.httpPort, host, resolve));
    }
  }

  /** Resolves with the first mail (already received or to come) that matches. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    const found = this.mails.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`No matching mail within ${timeoutMs} ms (received ${this.mails.length})`));
      }, timeoutMs);
      const listener = (mail: CaughtMail) => {
        if (!match(mail)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(mail);
      };
      this.listeners.push(listener);
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  private renderHtml(): string {
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const rows = [...this.mails]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${esc(m.receivedAt)}</td><td>${esc(m.to.join(', '))}</td><td>${esc(m.subject)}</td>` +
          `<td><pre>${esc(m.text)}</pre></td></tr>`,
      )
      .join('');
    return `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Posta in arrivo (mail catcher)</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}pre{white-space:pre-wrap;margin:0}</style>
</head><body><h1>Posta in arrivo</h1><p>${this.mails.length} messaggi. JSON: <a href="/api/messages">/api/messages</a></p>
<table><thead><tr><th>Ricevuto</th><th>A</th><th>Oggetto</th><th>Testo</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  }
}
