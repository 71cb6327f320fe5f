import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { createHmac } from 'crypto';
import { AlertChannelSender, AlertDeliveryError, OutgoingAlert } from './types';

/** The header that carries a webhook body's signature. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-MLightenment-Signature-256';

/** A webhook of `mlops.alerting.webhooks`, by the name catalog YAML uses. */
export interface WebhookConfig {
  url: string;
  secret: string;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 120_000;

/**
 * `sha256=` and the hex HMAC-SHA256 of the exact body bytes under the
 * webhook's secret, as GitHub signs its webhooks: a receiver computes the
 * same over the raw body it got and compares in constant time.
 */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The webhooks of `mlops.alerting.webhooks`. A webhook without an http(s)
 * URL or without a secret stops the backend at start, naming the key.
 */
export function readWebhooks(config: Config): Map<string, WebhookConfig> {
  const webhooks = new Map<string, WebhookConfig>();
  const section = config.getOptionalConfig('mlops.alerting.webhooks');
  for (const name of section?.keys() ?? []) {
    const hook = section!.getConfig(name);
    const key = `mlops.alerting.webhooks.${name}`;
    const url = hook.getString('url');
    if (!/^https?:\/\//i.test(url)) {
      throw new Error(`${key}.url: must be an http or https URL`);
    }
    const secret = hook.getString('secret');
    if (secret.length < 16) {
      throw new Error(
        `${key}.secret: must be at least 16 characters, got ${secret.length}; it signs every message to the webhook`,
      );
    }
    const timeoutMs = hook.has('timeout')
      ? durationToMilliseconds(readDurationFromConfig(hook, { key: 'timeout' }))
      : DEFAULT_TIMEOUT_MS;
    if (timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new Error(
        `${key}.timeout: must be longer than zero and at most 2 minutes, within the worker's claim on a message`,
      );
    }
    webhooks.set(name, { url, secret, timeoutMs });
  }
  return webhooks;
}

/** A short, single-line excerpt of what a receiver answered. */
async function excerpt(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text ? `: ${text.slice(0, 200)}${text.length > 200 ? '…' : ''}` : '';
  } catch {
    return '';
  }
}

/**
 * Posts a message as JSON to the webhook its channel names, signed with the
 * webhook's secret. Any 2xx answer delivers it; anything else (another
 * status, a redirect, which is not followed, a timeout, a refused
 * connection) is a failed attempt. Error messages name neither the URL nor
 * the secret: the delivery log shows them to the monitor's owner.
 */
export class WebhookSender implements AlertChannelSender {
  readonly type = 'webhook' as const;
  readonly confirmedBy = 'receiver' as const;

  constructor(private readonly webhooks: ReadonlyMap<string, WebhookConfig>) {}

  async send({ target, message, attempt }: OutgoingAlert): Promise<void> {
    const hook = this.webhooks.get(target);
    if (!hook) {
      throw new AlertDeliveryError(
        `no webhook named "${target}" is configured: add mlops.alerting.webhooks.${target} (url, secret) to app-config`,
        { permanent: true },
      );
    }
    const body = JSON.stringify(message);
    let response: Response;
    try {
      response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'MLightenment-Alerts/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(body, hook.secret),
          'X-MLightenment-Event': `drift.${message.event}`,
          'X-MLightenment-Delivery': message.id,
          'X-MLightenment-Attempt': String(attempt),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(hook.timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new AlertDeliveryError(
          `no answer within ${hook.timeoutMs / 1000} s`,
        );
      }
      throw new AlertDeliveryError(
        `could not reach the webhook${
          e.cause?.code ? ` (${e.cause.code})` : ''
        }`,
      );
    }
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return;
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new AlertDeliveryError(
        `the webhook answered ${response.status}, a redirect, which is not followed: configure the final URL`,
      );
    }
    throw new AlertDeliveryError(
      `the webhook answered ${response.status}${
        response.statusText ? ` ${response.statusText}` : ''
      }${await excerpt(response)}`,
    );
  }
}
