import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MlopsCardProps, MlopsInfoCard } from '../components/shared';
import { hasStatus } from '../api/errors';
import { formatLevelName, formatScore } from './format';
import { useMlops } from '../hooks/useMlops';
import { NotEvaluatedLine } from './NotEvaluated';
import type { EntityScorecard } from '@mlightenment/backstage-plugin-mlops-common';

/** Props of the compact maturity card. @public */
export interface MaturityCardProps extends MlopsCardProps {
  /** Where the "MLOps maturity" tab is, relative to the entity page. */
  tabPath?: string;
  /** How often the backend evaluates entities. */
  evaluationIntervalMinutes?: number;
}

/** "Next: 2 checks to level 2 (Automated training)", or the top level. */
export function nextLevelLine(scorecard: EntityScorecard): string {
  const next = scorecard.nextLevel;
  if (!next) return 'Top level reached.';
  const count = next.blocking.length;
  const checks = count === 1 ? 'check' : 'checks';
  return `Next: ${count} ${checks} to level ${next.level} (${next.name})`;
}

/** The Markdown of an entity's maturity badge, for its README. */
export function badgeMarkdown(badgeUrl: string): string {
  return `![MLOps maturity](${badgeUrl})`;
}

function BadgeCopy(props: { entityRef: string }) {
  const badgeUrl = useMlops(
    api => api.badgeUrl(props.entityRef),
    [props.entityRef],
  );
  const [copied, setCopied] = useState<string>();
  if (!badgeUrl.value) return null;
  const markdown = badgeMarkdown(badgeUrl.value);
  const copy = () =>
    navigator.clipboard.writeText(markdown).then(
      () => setCopied('Copied.'),
      () => setCopied(`Copy failed; the Markdown is ${markdown}`),
    );
  return (
    <Box display="flex" alignItems="center" marginTop={1} style={{ gap: 8 }}>
      <Button size="small" startIcon={<FileCopyIcon />} onClick={copy}>
        Copy badge Markdown
      </Button>
      <Typography variant="caption" role="status">
        {copied}
      </Typography>
    </Box>
  );
}

/** The level and score of an ML entity, for its Overview tab. */
export function MaturityCard(props: MaturityCardProps) {
  const { variant, tabPath = './maturity', evaluationIntervalMinutes } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const scorecard = useMlops(api => api.getScorecard(entityRef), [entityRef]);

  let body;
  if (scorecard.error && hasStatus(scorecard.error, 404)) {
    body = (
      <NotEvaluatedLine evaluationIntervalMinutes={evaluationIntervalMinutes} />
    );
  } else if (scorecard.error) {
    body = <ResponseErrorPanel error={scorecard.error} />;
  } else if (!scorecard.value) {
    body = <Progress />;
  } else {
    const { level, levelName, score } = scorecard.value;
    body = (
      <>
        <Typography variant="h5" component="p">
          {formatLevelName(level, levelName)}
        </Typography>
        <Typography variant="body1">Score {formatScore(score)}</Typography>
        <Typography variant="body2" color="textSecondary">
          {nextLevelLine(scorecard.value)}
        </Typography>
      </>
    );
  }
  return (
    <MlopsInfoCard
      title="MLOps maturity"
      testId="mlops-maturity-card"
      variant={variant}
    >
      {body}
      <Typography variant="body2" style={{ marginTop: 8 }}>
        <Link to={tabPath}>View the scorecard</Link>
      </Typography>
      {scorecard.value && <BadgeCopy entityRef={entityRef} />}
    </MlopsInfoCard>
  );
}
