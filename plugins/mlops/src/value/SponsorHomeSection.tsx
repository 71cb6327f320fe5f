import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  signOffLabel,
  type CheckInDue,
  type SignOffAwaiting,
  type SponsorHome,
  type UseCaseValueSummary,
  type ValueAtRisk,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  MlopsInfoCard,
  formatDate,
  Status,
  KPI_STATUS,
} from '../components/shared';
import { gateTabPath } from '../routes';
import { hasStatus } from '../api/errors';
import { useMlops } from '../hooks/useMlops';
import { formatProgress } from './format';

/** The user the guest sign-in of a development app signs in as. */
const GUEST_REF = 'user:development/guest';

const itemList = { margin: 0, paddingLeft: '1.25em' } as const;
const chipRow = {
  listStyle: 'none',
  margin: 0,
  padding: 0,
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
} as const;

/** How the reader signs a gate: `as sponsor`, `as owner`, `for model-risk`. */
function signingAs(role: string): string {
  if (role === 'sponsor' || role === 'owner') {
    return `as ${signOffLabel({ type: role }).toLocaleLowerCase('en-GB')}`;
  }
  return `for ${signOffLabel({ type: 'group', ref: role })}`;
}

/** A check-in's state in words, with its date: `Overdue since 1 Apr 2026`. */
function checkInState(item: CheckInDue): string {
  const since = item.dueOn ? ` since ${formatDate(item.dueOn)}` : '';
  if (item.state === 'no-data') return 'No actual reported yet';
  if (item.state === 'overdue') return `Overdue: due${since}`;
  return `Due${since}`;
}

function Block(props: {
  id: string;
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  const { id, title, empty, count, children } = props;
  const headingId = `mlops-for-you-${id}-heading`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      data-testid={`mlops-for-you-${id}`}
    >
      <Typography variant="h6" component="h3" id={headingId} gutterBottom>
        {title}
      </Typography>
      {count === 0 ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <ul style={itemList}>{children}</ul>
      )}
    </Box>
  );
}

function Detail(props: { children: ReactNode }) {
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      component="span"
      display="block"
    >
      {props.children}
    </Typography>
  );
}

function GatesAwaiting(props: { items: SignOffAwaiting[] }) {
  const entityLink = useEntityRefLink();
  return (
    <Block
      id="sign-off"
      title="Gates waiting for your sign-off"
      empty="No gate waits for your sign-off."
      count={props.items.length}
    >
      {props.items.map(item => (
        <li key={`${item.entityRef} ${item.stage}`}>
          <Typography variant="body2" component="span">
            <Link
              to={`${entityLink(item.entityRef)}${gateTabPath(item.stage)}`}
            >
              {item.title}
            </Link>
            {`: ${item.stageTitle}`}
          </Typography>
          <Detail>
            You sign {signingAs(item.role)}
            {item.since && `; in this stage since ${formatDate(item.since)}`}
          </Detail>
        </li>
      ))}
    </Block>
  );
}

function CheckInsDue(props: { items: CheckInDue[] }) {
  const entityLink = useEntityRefLink();
  return (
    <Block
      id="check-ins"
      title="Check-ins due"
      empty="No check-in is due."
      count={props.items.length}
    >
      {props.items.map(item => (
        <li key={`${item.entityRef} ${item.kpiId}`}>
          <Typography variant="body2" component="span">
            <Link to={`${entityLink(item.entityRef)}/value`}>{item.title}</Link>
            {`: ${item.kpi}`}
          </Typography>
          <Detail>{checkInState(item)}</Detail>
        </li>
      ))}
    </Block>
  );
}

function ValuesAtRisk(props: { items: ValueAtRisk[] }) {
  const entityLink = useEntityRefLink();
  return (
    <Block
      id="at-risk"
      title="Value at risk"
      empty="No KPI of yours is at risk from a model in trouble."
      count={props.items.length}
    >
      {props.items.map(item => (
        <li key={`${item.entityRef} ${item.kpiId}`}>
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <Typography variant="body2" component="span">
              <Link to={`${entityLink(item.entityRef)}/value`}>
                {item.title}
              </Link>
              {`: ${item.kpi}`}
            </Typography>
            <Status of={KPI_STATUS} value={item.status} variant="chip" />
          </Box>
          {item.progress !== undefined && (
            <Detail>{formatProgress(item.progress)}</Detail>
          )}
          <ul style={itemList} aria-label={`Why ${item.kpi} is at risk`}>
            {item.reasons.map(reason => (
              <li key={reason}>
                <Typography variant="body2" component="span">
                  {reason}
                </Typography>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </Block>
  );
}

function YourUseCases(props: { items: UseCaseValueSummary[] }) {
  const entityLink = useEntityRefLink();
  return (
    <Block
      id="use-cases"
      title="Your use cases"
      empty="You neither sponsor nor own a use case."
      count={props.items.length}
    >
      {props.items.map(useCase => (
        <li key={useCase.entityRef}>
          <Typography variant="body2" component="span">
            <Link to={`${entityLink(useCase.entityRef)}/value`}>
              {useCase.title}
            </Link>
            {useCase.kpis.length === 0 && ': declares no KPI'}
          </Typography>
          {useCase.kpis.length > 0 && (
            <ul style={chipRow} aria-label={`KPIs of ${useCase.title}`}>
              {useCase.kpis.map(kpi => (
                <Box
                  component="li"
                  key={kpi.id}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 4 }}
                >
                  <Typography variant="body2" component="span">
                    {kpi.kpi}
                  </Typography>
                  <Status of={KPI_STATUS} value={kpi.status} variant="chip" />
                </Box>
              ))}
            </ul>
          )}
        </li>
      ))}
    </Block>
  );
}

/** The four blocks of a home, or one sentence when all are empty. */
export function SponsorHomeView(props: { home: SponsorHome }) {
  const { useCases, awaitingSignOff, checkInsDue, valueAtRisk } = props.home;
  if (
    useCases.length +
      awaitingSignOff.length +
      checkInsDue.length +
      valueAtRisk.length ===
    0
  ) {
    return (
      <Typography variant="body2">
        Nothing waits for you: no gate to sign off, no check-in due, no value at
        risk, and you neither sponsor nor own a use case.
      </Typography>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <GatesAwaiting items={awaitingSignOff} />
      </Grid>
      <Grid item xs={12} md={6}>
        <CheckInsDue items={checkInsDue} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ValuesAtRisk items={valueAtRisk} />
      </Grid>
      <Grid item xs={12} md={6}>
        <YourUseCases items={useCases} />
      </Grid>
    </Grid>
  );
}

/**
 * The signed-in person's home at the top of the organisation page: the
 * gates waiting for their sign-off, their check-ins due, their value at
 * risk and the use cases they sponsor or own. Nothing is shown for a guest
 * or when the backend has no home for the caller (401, 403), nor while it
 * loads, so that the page does not flash a section that then disappears.
 */
export function SponsorHomeSection() {
  const home = useMlops(api => api.getSponsorHome(), []);
  let body;
  if (home.error) {
    if (hasStatus(home.error, 401) || hasStatus(home.error, 403)) return null;
    body = <ResponseErrorPanel error={home.error} />;
  } else if (!home.value || home.value.userRef === GUEST_REF) {
    return null;
  } else body = <SponsorHomeView home={home.value} />;
  return (
    <Box marginBottom={3}>
      <MlopsInfoCard
        title="For you"
        testId="mlops-for-you"
        subheader="The gates waiting for your sign-off, your check-ins due, your value at risk and the use cases you sponsor or own"
      >
        {body}
      </MlopsInfoCard>
    </Box>
  );
}
