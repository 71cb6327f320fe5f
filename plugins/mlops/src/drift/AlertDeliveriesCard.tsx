import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ALERT_CHANNEL_TYPE_LABELS,
  ALERT_DELIVERY_STATUS_LABELS,
  AlertChannelLog,
  AlertDelivery,
  AlertDeliveryStatus,
  DRIFT_ALERT_EVENT_LABELS,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatDateTime,
  LastError,
  MlopsInfoCard,
  Status,
  StatusColumn,
  StatusTable,
  StatusVocabulary,
  TwoLines,
  Unbroken,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';

const DELIVERY_STATUS: StatusVocabulary<AlertDeliveryStatus> = {
  labels: ALERT_DELIVERY_STATUS_LABELS,
  tones: { delivered: 'ok', pending: 'pending', failed: 'error' },
};

const attempts = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`;

/** `Drift alert, episode 3`. */
const what = (delivery: AlertDelivery) =>
  `${DRIFT_ALERT_EVENT_LABELS[delivery.event]}, episode ${delivery.episode}`;

function Latest(props: { delivery?: AlertDelivery }) {
  const { delivery } = props;
  if (!delivery) return <>No message yet</>;
  let detail: string;
  if (delivery.status === 'pending') {
    detail = delivery.nextAttemptAt
      ? `${attempts(delivery.attempts.length)} so far; next ${formatDateTime(
          delivery.nextAttemptAt,
        )}`
      : 'sending';
  } else {
    detail = `after ${attempts(delivery.attempts.length)}`;
  }
  return (
    <>
      <Status of={DELIVERY_STATUS} value={delivery.status} />
      <TwoLines main={what(delivery)} secondary={detail} />
    </>
  );
}

function Channel(props: { channel: AlertChannelLog }) {
  const { channel } = props;
  return (
    <TwoLines
      main={
        <>
          {ALERT_CHANNEL_TYPE_LABELS[channel.type]}{' '}
          <Unbroken code>{channel.target}</Unbroken>
        </>
      }
      secondary={channel.declared ? undefined : 'no longer declared'}
    />
  );
}

const CHANNEL_COLUMNS: StatusColumn<AlertChannelLog>[] = [
  { header: 'Channel', cell: channel => <Channel channel={channel} /> },
  {
    header: 'Latest message',
    cell: channel => <Latest delivery={channel.recent[0]} />,
  },
  {
    header: 'Last delivery',
    cell: ({ lastDelivery }) =>
      lastDelivery?.deliveredAt ? (
        <TwoLines
          main={formatDateTime(lastDelivery.deliveredAt)}
          secondary={`${what(lastDelivery)}, after ${attempts(
            lastDelivery.attempts.length,
          )}`}
        />
      ) : (
        'Never'
      ),
  },
  {
    header: 'Last error',
    cell: channel => <LastError error={channel.lastError} />,
  },
];

/**
 * The alert channels of the monitor on the page (`spec.alerting.channels`)
 * and how the messages to them went: per channel the latest message with its
 * status, the last delivery and the last error.
 */
export function AlertDeliveriesCard() {
  const { entity } = useEntity();
  const monitorRef = stringifyEntityRef(entity);
  const log = useMlops(api => api.getAlertDeliveries(monitorRef), [monitorRef]);
  const title = entity.metadata.title ?? entity.metadata.name;

  let body;
  if (log.error) body = <ResponseErrorPanel error={log.error} />;
  else if (!log.value) body = <Progress />;
  else if (log.value.channels.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        This monitor declares no alert channels (spec.alerting.channels): its
        alerts reach people as Backstage notifications only.
      </Typography>
    );
  } else {
    const { channels } = log.value;
    body = (
      <>
        <StatusTable
          label={`Alert channels of ${title}`}
          columns={CHANNEL_COLUMNS}
          rows={channels}
          rowKey={channel => `${channel.type}:${channel.target}`}
        />
        {channels.some(c => c.confirmedBy === 'notifications-backend') && (
          <Typography variant="body2" color="textSecondary">
            Slack messages are delivered once Backstage's notifications backend
            took them; its Slack processor logs Slack's own errors without
            reporting them here.
          </Typography>
        )}
      </>
    );
  }

  return (
    <MlopsInfoCard
      title="Alert channels"
      testId="mlops-alert-deliveries"
      subheader="Each alert, stale episode and recovery, delivered once to every channel, with retries"
    >
      {body}
    </MlopsInfoCard>
  );
}
