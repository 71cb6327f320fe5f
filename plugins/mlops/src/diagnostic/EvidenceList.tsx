import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { DiagnosticEvidence } from '@mlightenment/backstage-plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 1),
    paddingLeft: theme.spacing(3),
    // A link per line, each at least 24 px high, so that a pointer or a
    // finger hits the one meant (WCAG 2.5.8).
    '& a': { display: 'inline-block', minHeight: 24, lineHeight: '24px' },
  },
}));

/** How many entities the evidence lists name, all lists together. */
export function evidenceCount(evidence: readonly DiagnosticEvidence[]): number {
  return evidence.reduce((n, e) => n + e.count, 0);
}

/**
 * The entities behind a number, folded until asked for: one list per kind
 * of evidence ("Models not in production"), each entity linking to its
 * page, and how many more there are when the backend sent only the first.
 */
export function EvidenceList(props: {
  /** What the evidence is for, e.g. the indicator's label. */
  label: string;
  evidence: readonly DiagnosticEvidence[];
}) {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { evidence, label } = props;
  const total = evidenceCount(evidence);
  if (total === 0) {
    return (
      <Typography variant="body2" component="span">
        No entities
      </Typography>
    );
  }
  return (
    <Box>
      <Button
        size="small"
        variant="text"
        color="primary"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${open ? 'Hide' : 'Show'} ${total} ${
          total === 1 ? 'entity' : 'entities'
        }: the evidence of ${label}`}
        onClick={() => setOpen(o => !o)}
      >
        {open ? 'Hide' : 'Show'} {total} {total === 1 ? 'entity' : 'entities'}
      </Button>
      <Box id={id} hidden={!open}>
        {open &&
          evidence.map(e => (
            <Box key={e.label}>
              <Typography variant="body2" component="p">
                <strong>{e.label}</strong> ({e.count})
              </Typography>
              {e.count > 0 && (
                <ul className={classes.list} aria-label={e.label}>
                  {e.entityRefs.map(ref => (
                    <li key={ref}>
                      <EntityRefLink entityRef={ref} />
                    </li>
                  ))}
                  {e.count > e.entityRefs.length && (
                    <li>
                      <Typography variant="body2">
                        and {e.count - e.entityRefs.length} more, not listed
                      </Typography>
                    </li>
                  )}
                </ul>
              )}
            </Box>
          ))}
      </Box>
    </Box>
  );
}
