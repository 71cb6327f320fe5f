import { createHmac, timingSafeEqual } from 'crypto';
import { createServer, IncomingMessage, Server } from 'http';
import type { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';

/** A request a test webhook receiver got. */
export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  /** Whether its signature header matches the body under the secret. */
  signatureValid: boolean;
  /** The status the receiver answered. */
  status: number;
}

/**
 * A webhook receiver on a loopback port: answers each request with the next
 * status of `statuses` (the last one repeats), after `delayMs`, and checks
 * the signature as a real receiver would, in constant time over the raw body.
 */
export async function startWebhookReceiver(options: {
  secret: string;
  statuses?: number[];
  delayMs?: number;
}): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const statuses = options.statuses ?? [204];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', options.secret)
          .update(body)
          .digest('hex')}`,
      );
      const given = Buffer.from(
        String(req.headers['x-mlightenment-signature-256'] ?? ''),
      );
      const status = statuses[Math.min(received.length, statuses.length - 1)];
      received.push({
        headers: req.headers,
        body,
        signatureValid:
          given.length === expected.length && timingSafeEqual(given, expected),
        status,
      });
      setTimeout(() => {
        res.statusCode = status;
        res.end(status >= 400 ? 'busy, try later' : '');
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/mlops`,
    received,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An e-mail a test SMTP server got. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  /** Its headers, unfolded, by lower-case name. */
  headers: Record<string, string>;
  /** The text/plain part, decoded from quoted-printable. */
  text: string;
  /** Whether the server accepted it (or answered `rejectWith`). */
  accepted: boolean;
}

const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex) =>
        String.fromCharCode(parseInt(hex, 16)),
      ),
    'latin1',
  ).toString('utf8');

/** Just enough MIME for the messages nodemailer writes: headers and the text part. */
function parseEmail(raw: string): {
  headers: Record<string, string>;
  text: string;
} {
  const [head] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const part = raw
    .split(/^--.*$/m)
    .find(p => /Content-Type: text\/plain/i.test(p));
  const [partHead, ...body] = (part ?? raw).trim().split(/\r?\n\r?\n/);
  const text = body.join('\n\n');
  return {
    headers,
    text: /quoted-printable/i.test(partHead)
      ? decodeQuotedPrintable(text)
      : text,
  };
}

/**
 * A plain SMTP server on a loopback port (no TLS, no authentication) that
 * answers the first `rejections` messages with `rejectWith` (e.g. 451, try
 * again later) and accepts the ones after.
 */
export async function startSmtpServer(options?: {
  rejections?: number;
  rejectWith?: { code: number; text: string };
}): Promise<{
  port: number;
  received: ReceivedEmail[];
  close(): Promise<void>;
}> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', chunk => chunks.push(chunk));
      stream.on('end', () => {
        const reject = received.length < (options?.rejections ?? 0);
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom
            ? session.envelope.mailFrom.address
            : '',
          to: session.envelope.rcptTo.map(r => r.address),
          raw,
          ...parseEmail(raw),
          accepted: !reject,
        });
        if (reject) {
          const { code, text } = options?.rejectWith ?? {
            code: 451,
            text: '4.3.0 Mail server temporarily rejected message',
          };
          const error = new Error(text) as Error & { responseCode: number };
          error.responseCode = code;
          callback(error);
        } else {
          callback();
        }
      });
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
