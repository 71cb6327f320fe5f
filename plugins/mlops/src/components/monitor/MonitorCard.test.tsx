import { screen, within } from '@testing-library/react';
import { churnDriftMonitor } from '../../__testUtils__/fixtures';
import { metadataValue } from '../../__testUtils__/metadataValue';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { MonitorCard } from './MonitorCard';

describe('MonitorCard', () => {
  it('shows type, cadence, model, runbook and alert routing', async () => {
    await renderEntityCard(<MonitorCard />, { entity: churnDriftMonitor });

    const card = within(await screen.findByTestId('mlops-monitor-card'));
    expect(card.getByRole('heading', { name: 'Monitor' })).toBeInTheDocument();
    expect(card.getByText('Data drift')).toBeInTheDocument();
    expect(card.getByText('daily')).toHaveAttribute('title', 'P1D');
    expect(card.getByRole('link', { name: /churn-gbm/ })).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/churn-gbm',
    );
    expect(
      card.getByRole('link', {
        name: 'https://runbooks.example.com/churn-drift',
      }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/churn-drift');
    expect(
      card.getByRole('link', { name: /retention-analytics/ }),
    ).toHaveAttribute('href', '/catalog/default/group/retention-analytics');
    expect(card.getByText('slack: #churn-alerts')).toBeInTheDocument();
  });

  it('labels alert routing in flat rows, each value beside its label', async () => {
    await renderEntityCard(<MonitorCard />, { entity: churnDriftMonitor });

    const card = await screen.findByTestId('mlops-monitor-card');
    const labels = within(card)
      .getAllByRole('term')
      .map(term => term.textContent);
    expect(labels).toEqual([
      'Type',
      'Cadence',
      'Model',
      'Runbook',
      'Alerts to',
      'Alert channels',
    ]);
    expect(metadataValue(card, 'Alerts to')).toHaveTextContent(
      'retention-analytics',
    );
    expect(
      within(metadataValue(card, 'Alert channels')).getAllByRole('listitem'),
    ).toHaveLength(1);
  });

  it('says who is not alerted and what is not set', async () => {
    await renderEntityCard(<MonitorCard />, {
      entity: {
        ...churnDriftMonitor,
        spec: {
          ...churnDriftMonitor.spec,
          alerting: undefined,
          runbook: undefined,
          cadence: undefined,
        },
        relations: churnDriftMonitor.relations!.filter(
          r => r.type !== 'alerts',
        ),
      },
    });

    const card = within(await screen.findByTestId('mlops-monitor-card'));
    expect(card.getByText('Nobody')).toBeInTheDocument();
    expect(card.getByText('None')).toBeInTheDocument();
    expect(card.getAllByText('Not set')).toHaveLength(2);
  });
});
