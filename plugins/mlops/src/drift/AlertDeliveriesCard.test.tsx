import { screen, within } from '@testing-library/react';
import { churnDriftMonitor } from '../__testUtils__/fixtures';
import { mockMlopsApi, responseError } from '../__testUtils__/mockMlopsApi';
import { renderWithMlops } from '../__testUtils__/renderWithMlops';
import { AlertDeliveriesCard } from './AlertDeliveriesCard';
import { DriftContent } from './DriftContent';
import { churnDeliveryLog } from './__testUtils__/deliveryFixtures';

/** The cells of a channel's row, by column. */
async function row(target: string) {
  const table = await screen.findByRole('table', {
    name: 'Alert channels of churn-gbm-drift',
  });
  const found = within(table)
    .getAllByRole('row')
    .find(r => within(r).queryByText(target));
  if (!found) throw new Error(`No row for ${target}`);
  const [channel, latest, delivery, error] = within(found)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
  return { channel, latest, delivery, error };
}

describe("the alert channels on a monitor's drift tab", () => {
  it('shows per channel the latest message, the last delivery with its attempts and the last error', async () => {
    const api = mockMlopsApi({
      getAlertDeliveries: jest.fn().mockResolvedValue(churnDeliveryLog),
    });
    await renderWithMlops(<AlertDeliveriesCard />, {
      api,
      entity: churnDriftMonitor,
    });

    expect(await row('ml-platform-oncall')).toEqual({
      channel: 'Webhook ml-platform-oncall',
      latest: 'DeliveredDrift alert, episode 3after 3 attempts',
      delivery: '8 Dec 2026, 10:01 UTCDrift alert, episode 3, after 3 attempts',
      error:
        '8 Dec 2026, 10:00 UTCthe webhook answered 500 Internal Server Error',
    });
    expect(await row('retention-analytics@example.com')).toMatchObject({
      latest: 'FailedDrift alert, episode 3after 1 attempt',
      delivery: 'Never',
      error:
        '8 Dec 2026, 10:00 UTCthe mail server answered 550 5.1.1 No such mailbox',
    });
    expect(await row('#churn-alerts')).toMatchObject({
      channel: 'Slack #churn-alerts',
      latest:
        'PendingStale, episode 31 attempt so far; next 9 Dec 2026, 10:00 UTC',
    });
    expect(await row('old-oncall')).toEqual({
      channel: 'Webhook old-oncallno longer declared',
      latest: 'No message yet',
      delivery: 'Never',
      error: 'None',
    });
    expect(
      screen.getByText(/its Slack processor logs Slack's own errors/),
    ).toBeInTheDocument();
    expect(api.getAlertDeliveries).toHaveBeenCalledWith(
      'mlmonitor:default/churn-gbm-drift',
    );
  });

  it("is part of the monitor's drift tab", async () => {
    await renderWithMlops(<DriftContent />, {
      api: mockMlopsApi(),
      entity: churnDriftMonitor,
    });
    const card = within(await screen.findByTestId('mlops-alert-deliveries'));
    expect(
      card.getByRole('heading', { name: 'Alert channels', level: 2 }),
    ).toBeInTheDocument();
    expect(
      await card.findByRole('table', {
        name: 'Alert channels of churn-gbm-drift',
      }),
    ).toBeInTheDocument();
  });

  it('says when the monitor declares no channel', async () => {
    await renderWithMlops(<AlertDeliveriesCard />, {
      api: mockMlopsApi({
        getAlertDeliveries: jest.fn().mockResolvedValue({
          monitor: 'mlmonitor:default/churn-gbm-drift',
          channels: [],
        }),
      }),
      entity: churnDriftMonitor,
    });
    expect(
      await screen.findByText(/This monitor declares no alert channels/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Slack processor/)).not.toBeInTheDocument();
  });

  it('shows why the log could not be read', async () => {
    await renderWithMlops(<AlertDeliveriesCard />, {
      api: mockMlopsApi({
        getAlertDeliveries: jest
          .fn()
          .mockRejectedValue(await responseError(404, 'NotFoundError')),
      }),
      entity: churnDriftMonitor,
    });
    expect(await screen.findByText('404: NotFoundError')).toBeInTheDocument();
  });
});
