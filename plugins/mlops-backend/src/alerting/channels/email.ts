import type { Config } from '@backstage/config';
import type {
  DriftAlertFeature,
  DriftAlertMessage,
} from '@mlightenment/backstage-plugin-mlops-common';
import { createTransport, Transporter } from 'nodemailer';
import { AlertChannelSender, AlertDeliveryError, OutgoingAlert } from './types';

/** Where e-mail channels read their transport: the e-mail processor's own configuration. */
export const EMAIL_CONFIG_KEY = 'notifications.processors.email';

type Mailer = {
  transporter: Transporter;
  sender: string;
  replyTo?: string;
};

/**
 * The transport of Backstage's notifications e-mail processor
 * (`@backstage/plugin-notifications-backend-module-email`), read from the
 * same keys and built as that module builds it, for the transports nodemailer
 * carries itself: `smtp`, `sendmail` and `stream`. A problem, when e-mail
 * channels cannot work with this configuration.
 */
export function readMailer(config: Config): Mailer | { problem: string } {
  const email = config.getOptionalConfig(EMAIL_CONFIG_KEY);
  if (!email?.has('transportConfig')) {
    return {
      problem: `e-mail channels are sent over the transport of ${EMAIL_CONFIG_KEY}.transportConfig, which is not configured`,
    };
  }
  const transport = email.getConfig('transportConfig');
  const kind = transport.getString('transport');
  let transporter: Transporter;
  if (kind === 'smtp') {
    const user = transport.getOptionalString('username');
    const pass = transport.getOptionalString('password');
    transporter = createTransport({
      host: transport.getString('hostname'),
      port: transport.getNumber('port'),
      secure: transport.getOptionalBoolean('secure') ?? false,
      requireTLS: transport.getOptionalBoolean('requireTls') ?? false,
      auth: user && pass ? { user, pass } : undefined,
      // Well within the worker's claim on a message (5 minutes).
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  } else if (kind === 'sendmail') {
    transporter = createTransport({
      sendmail: true,
      path: transport.getOptionalString('path') ?? '/usr/sbin/sendmail',
      newline: transport.getOptionalString('newline') ?? 'unix',
    });
  } else if (kind === 'stream') {
    transporter = createTransport({ streamTransport: true });
  } else {
    return {
      problem: `e-mail channels support the smtp, sendmail and stream transports of ${EMAIL_CONFIG_KEY}.transportConfig, not ${kind}`,
    };
  }
  return {
    transporter,
    sender: email.getString('sender'),
    replyTo: email.getOptionalString('replyTo'),
  };
}

function formatNumber(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : String(+value.toPrecision(4));
}

/** `recall 0.68: alert (warning at ≤ 0.75, alert at ≤ 0.7)`. */
function featureLine(feature: DriftAlertFeature): string {
  const t = feature.thresholds;
  const on = t.on === 'p-value' ? 'p-value ' : '';
  let bounds: string;
  if (t.direction === 'outside') {
    bounds = `warning outside [${t.warning
      .map(formatNumber)
      .join(', ')}], alert outside [${t.alert.map(formatNumber).join(', ')}]`;
  } else {
    const op = t.direction === 'below' ? '≤' : '≥';
    bounds = `warning at ${op} ${formatNumber(
      t.warning,
    )}, alert at ${op} ${formatNumber(t.alert)}`;
  }
  return `${feature.name} (${feature.statistic}) ${on}${
    feature.value === null ? 'no value' : formatNumber(feature.value)
  }: ${feature.state} (${bounds})`;
}

/** The plain-text body of an alert e-mail. */
export function emailText(message: DriftAlertMessage): string {
  return [
    message.summary,
    ...(message.features.length
      ? ['', 'Features:', ...message.features.map(f => `- ${featureLine(f)}`)]
      : []),
    '',
    `Monitor: ${message.monitor.title} (${message.monitor.entityRef})`,
    message.monitor.url,
    ...(message.monitor.runbook ? [`Runbook: ${message.monitor.runbook}`] : []),
    `Episode ${message.episode}, ${message.previousState} → ${message.state} at ${message.at}`,
  ].join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );

/** The HTML body of an alert e-mail: the text, escaped, with its links. */
export function emailHtml(message: DriftAlertMessage): string {
  const link = (url: string) =>
    `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  return [
    `<p>${escapeHtml(message.summary)}</p>`,
    ...(message.features.length
      ? [
          `<ul>${message.features
            .map(f => `<li>${escapeHtml(featureLine(f))}</li>`)
            .join('')}</ul>`,
        ]
      : []),
    `<p>Monitor: ${link(message.monitor.url)}${
      message.monitor.runbook
        ? `<br/>Runbook: ${link(message.monitor.runbook)}`
        : ''
    }</p>`,
    `<p>Episode ${message.episode}, ${escapeHtml(
      `${message.previousState} → ${message.state} at ${message.at}`,
    )}</p>`,
  ].join('\n');
}

/**
 * E-mails a message to the address its channel names, over the transport
 * configured for Backstage's notifications e-mail processor. The processor
 * itself cannot carry these messages: it mails the profile addresses of the
 * users a notification resolves to, never a list address, and it logs a
 * failed send without reporting it, so nothing could be retried. Delivered
 * once the server accepted the message; a 5xx answer (an unknown mailbox)
 * fails the message at once, anything else is retried.
 */
export class EmailSender implements AlertChannelSender {
  readonly type = 'email' as const;
  readonly confirmedBy = 'receiver' as const;

  constructor(private readonly mailer: Mailer | { problem: string }) {}

  async send({ target, message }: OutgoingAlert): Promise<void> {
    if ('problem' in this.mailer) {
      throw new AlertDeliveryError(this.mailer.problem, { permanent: true });
    }
    const { transporter, sender, replyTo } = this.mailer;
    try {
      await transporter.sendMail({
        from: sender,
        to: target,
        ...(replyTo ? { replyTo } : {}),
        subject: message.title,
        text: emailText(message),
        html: emailHtml(message),
        headers: { 'X-MLightenment-Delivery': message.id },
      });
    } catch (error) {
      const e = error as Error & {
        code?: string;
        responseCode?: number;
        response?: string;
      };
      if (e.responseCode) {
        throw new AlertDeliveryError(
          `the mail server answered ${e.response ?? e.responseCode}`,
          { permanent: e.responseCode >= 500 },
        );
      }
      throw new AlertDeliveryError(
        `could not send through the mail server${e.code ? ` (${e.code})` : ''}`,
      );
    }
  }
}
