import type { Entity } from '@backstage/catalog-model';
import {
  contextOf,
  model,
  monitor,
  surroundings,
} from '../../__testUtils__/entities';
import type { MlopsEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { monitorAlertRouting } from './monitorAlertRouting';
import { monitorCadenceDeclared } from './monitorCadenceDeclared';
import { monitorModelInCatalog } from './monitorModelInCatalog';
import { monitorOwnerInCatalog } from './monitorOwnerInCatalog';
import { monitorRunbookLinked } from './monitorRunbookLinked';
import { monitorThresholdsOrdered } from './monitorThresholdsOrdered';

function run(
  check: CheckDefinition,
  subject: MlopsEntity,
  others: Entity[] = [...surroundings(), model()],
) {
  return check.evaluate(contextOf(subject, others));
}

describe('monitor.model-in-catalog', () => {
  it('passes naming the model and version', () => {
    expect(run(monitorModelInCatalog, monitor({ model: 'churn-gbm' }))).toEqual(
      {
        outcome: 'passed',
        reason: 'Watches churn-gbm 3.2.0.',
      },
    );
  });

  it('fails naming the reference the catalog does not hold', () => {
    expect(run(monitorModelInCatalog, monitor({ model: 'churn-gmb' }))).toEqual(
      {
        outcome: 'failed',
        reason: 'spec.model churn-gmb is not an MLModel in the catalog.',
      },
    );
  });
});

describe('monitor.owner-in-catalog', () => {
  it('passes with a registered owner and fails with an unknown one', () => {
    expect(run(monitorOwnerInCatalog, monitor()).reason).toBe(
      'Owned by Group ml-platform.',
    );
    expect(
      run(monitorOwnerInCatalog, monitor({ owner: 'group:default/ml-ops' })),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.owner group:default/ml-ops is not in the catalog.',
    });
  });
});

describe('monitor.thresholds-ordered', () => {
  it('passes when every feature warns before it alerts', () => {
    expect(run(monitorThresholdsOrdered, monitor())).toEqual({
      outcome: 'passed',
      reason: 'All 1 features warn before they alert.',
    });
  });

  it('fails naming each feature whose warning equals its alert', () => {
    const [feature] = monitor().spec.features;
    expect(
      run(
        monitorThresholdsOrdered,
        monitor({
          features: [
            feature,
            {
              name: 'price_plan',
              type: 'categorical',
              statistic: 'chi-square',
              warning: 0.2,
              alert: 0.2,
            },
          ],
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.features[1] (price_plan) warns and alerts at 0.2.',
    });
  });

  it('reads a metric with direction below downwards: its warning sits above its alert', () => {
    const recall = {
      name: 'recall',
      statistic: 'metric' as const,
      direction: 'below' as const,
    };
    expect(
      run(
        monitorThresholdsOrdered,
        monitor({ features: [{ ...recall, warning: 0.75, alert: 0.7 }] }),
      ).outcome,
    ).toBe('passed');
    expect(
      run(
        monitorThresholdsOrdered,
        monitor({ features: [{ ...recall, warning: 0.7, alert: 0.7 }] }),
      ).reason,
    ).toBe('spec.features[0] (recall) warns and alerts at 0.7.');
  });

  it('wants a band inside the alert band at both ends with direction outside', () => {
    const bias = (warning: [number, number], alert: [number, number]) =>
      monitor({
        type: 'performance',
        features: [
          {
            name: 'forecast_bias',
            statistic: 'metric',
            direction: 'outside',
            warning,
            alert,
          },
        ],
      });
    expect(
      run(monitorThresholdsOrdered, bias([-0.03, 0.03], [-0.05, 0.05])),
    ).toEqual({
      outcome: 'passed',
      reason: 'All 1 features warn before they alert.',
    });
    expect(
      run(monitorThresholdsOrdered, bias([-0.05, 0.03], [-0.05, 0.05])),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.features[0] (forecast_bias) warns and alerts at -0.05.',
    });
    expect(
      run(monitorThresholdsOrdered, bias([-0.05, 0.05], [-0.05, 0.05])).reason,
    ).toBe(
      'spec.features[0] (forecast_bias) warns and alerts at -0.05 and 0.05.',
    );
  });
});

describe('monitor.alert-routing', () => {
  it('passes listing every destination', () => {
    expect(run(monitorAlertRouting, monitor())).toEqual({
      outcome: 'passed',
      reason:
        'Alerts go to group:default/retention-analytics, slack #churn-model-alerts.',
    });
  });

  it('accepts channels alone', () => {
    expect(
      run(
        monitorAlertRouting,
        monitor({
          alerting: { channels: [{ type: 'webhook', target: 'ml-oncall' }] },
        }),
      ).outcome,
    ).toBe('passed');
  });

  it('fails when alerts go nowhere', () => {
    expect(
      run(
        monitorAlertRouting,
        monitor({ alerting: { notify: [], channels: [] } }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason: 'Neither spec.alerting.notify nor spec.alerting.channels is set.',
    });
  });
});

describe('monitor.runbook-linked', () => {
  it('passes with a runbook and fails without', () => {
    expect(run(monitorRunbookLinked, monitor()).reason).toBe(
      'Runbook: https://runbooks.example.com/ml/churn-gbm-input-drift.',
    );
    expect(run(monitorRunbookLinked, monitor({ runbook: undefined }))).toEqual({
      outcome: 'failed',
      reason: 'spec.runbook is not set.',
    });
  });
});

describe('monitor.cadence-declared', () => {
  it('passes with a cadence and fails without', () => {
    expect(run(monitorCadenceDeclared, monitor()).reason).toBe(
      'Reports every P1D.',
    );
    expect(
      run(monitorCadenceDeclared, monitor({ cadence: undefined })),
    ).toEqual({ outcome: 'failed', reason: 'spec.cadence is not set.' });
  });

  it('is not applicable to a model', () => {
    expect(run(monitorCadenceDeclared, model()).outcome).toBe('not-applicable');
  });
});
