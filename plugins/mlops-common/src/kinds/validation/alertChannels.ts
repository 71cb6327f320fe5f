import type { AlertChannel, AlertChannelType } from '../types';

/**
 * What a channel's `target` must look like, per type. A webhook is named,
 * not addressed: its URL and signing secret live in app-config
 * (`mlops.alerting.webhooks.<name>`), so catalog YAML carries no secret.
 */
const TARGETS: Record<AlertChannelType, { pattern: RegExp; expected: string }> =
  {
    webhook: {
      // A key of mlops.alerting.webhooks; a dot would nest the config.
      pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
      expected:
        'the name of a webhook under mlops.alerting.webhooks in app-config (letters, digits, - and _), such as ml-platform-oncall',
    },
    email: {
      pattern: /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;.]+$/,
      expected: 'an e-mail address such as ml-oncall@example.com',
    },
    slack: {
      // Slack's channel names: lower case, digits, - and _, at most 80.
      pattern: /^(#[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{8,})$/,
      expected:
        'a Slack channel: #name (lower case, digits, - and _) or a channel ID such as C0123456789',
    },
  };

/**
 * What is wrong with the alert channels of a monitor whose shape the schema
 * accepted (so every type is one of {@link ALERT_CHANNEL_TYPES}): a target
 * that does not fit its type, or a channel listed twice.
 */
export function alertChannelProblems(
  channels: readonly AlertChannel[] | undefined,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Map<string, number>();
  channels?.forEach((channel, index) => {
    const at = `spec.alerting.channels[${index}]`;
    const { pattern, expected } = TARGETS[channel.type];
    if (!pattern.test(channel.target)) {
      problems.push({
        path: `${at}.target`,
        message:
          channel.type === 'webhook' && /^[a-z]+:\/\//i.test(channel.target)
            ? `names a webhook configured in app-config (mlops.alerting.webhooks.<name>), not a URL: its URL and signing secret stay out of catalog YAML; got "${channel.target}"`
            : `must be ${expected}, got "${channel.target}"`,
      });
    }
    const key = `${channel.type}\u0000${channel.target.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: at,
        message: `repeats the ${channel.type} channel "${channel.target}" of spec.alerting.channels[${first}]; each channel is listed once`,
      });
    } else {
      seen.set(key, index);
    }
  });
  return problems;
}
