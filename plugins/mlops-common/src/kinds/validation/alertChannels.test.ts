import { MLMonitorEntityV1alpha1 } from '../types';
import { validateMlopsEntity } from './validateMlopsEntity';

const monitor: MLMonitorEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: 'churn-gbm-drift' },
  spec: {
    owner: 'group:ml-platform',
    model: 'churn-gbm',
    type: 'data-drift',
    cadence: 'P1D',
    features: [
      {
        name: 'tenure',
        type: 'numerical',
        statistic: 'psi',
        warning: 0.1,
        alert: 0.25,
      },
    ],
    alerting: {
      notify: ['group:ml-platform'],
      channels: [
        { type: 'webhook', target: 'ml-platform-oncall' },
        { type: 'email', target: 'ml-oncall@example.com' },
        { type: 'slack', target: '#churn-model-alerts' },
        { type: 'slack', target: 'C0123456789' },
      ],
    },
  },
};

/** The monitor with these channels, typed loosely for invalid input. */
function withChannels(channels: unknown[]): any {
  const copy = JSON.parse(JSON.stringify(monitor));
  copy.spec.alerting.channels = channels;
  return copy;
}

describe('alert channels of an MLMonitor', () => {
  it('accepts a named webhook, an e-mail address, a Slack channel name and a channel ID', () => {
    expect(validateMlopsEntity(monitor)).toEqual([]);
  });

  it('rejects a channel type the backend does not deliver, naming the types it does', () => {
    expect(
      validateMlopsEntity(
        withChannels([{ type: 'pagerduty', target: 'ml-platform-oncall' }]),
      ),
    ).toEqual([
      {
        path: 'spec.alerting.channels[0].type',
        message: 'must be one of "webhook", "email", "slack", got "pagerduty"',
      },
    ]);
  });

  it('refuses a webhook URL in catalog YAML: the target names a webhook of app-config', () => {
    expect(
      validateMlopsEntity(
        withChannels([
          { type: 'webhook', target: 'https://hooks.example.com/mlops?t=x' },
        ]),
      ),
    ).toEqual([
      {
        path: 'spec.alerting.channels[0].target',
        message:
          'names a webhook configured in app-config (mlops.alerting.webhooks.<name>), not a URL: its URL and signing secret stay out of catalog YAML; got "https://hooks.example.com/mlops?t=x"',
      },
    ]);
  });

  it('says what each type expects of a target that does not fit it', () => {
    expect(
      validateMlopsEntity(
        withChannels([
          { type: 'email', target: 'retention analytics' },
          { type: 'slack', target: 'churn-alerts' },
          { type: 'webhook', target: 'ml.platform' },
        ]),
      ),
    ).toEqual([
      {
        path: 'spec.alerting.channels[0].target',
        message:
          'must be an e-mail address such as ml-oncall@example.com, got "retention analytics"',
      },
      {
        path: 'spec.alerting.channels[1].target',
        message:
          'must be a Slack channel: #name (lower case, digits, - and _) or a channel ID such as C0123456789, got "churn-alerts"',
      },
      {
        path: 'spec.alerting.channels[2].target',
        message:
          'must be the name of a webhook under mlops.alerting.webhooks in app-config (letters, digits, - and _), such as ml-platform-oncall, got "ml.platform"',
      },
    ]);
  });

  it('rejects a channel listed twice, which would receive each message once anyway', () => {
    expect(
      validateMlopsEntity(
        withChannels([
          { type: 'email', target: 'ml-oncall@example.com' },
          { type: 'email', target: 'ML-Oncall@example.com' },
        ]),
      ),
    ).toEqual([
      {
        path: 'spec.alerting.channels[1]',
        message:
          'repeats the email channel "ML-Oncall@example.com" of spec.alerting.channels[0]; each channel is listed once',
      },
    ]);
  });
});
