import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  RejectedEntity,
  RejectedEntityLocation,
  RejectedEntityState,
} from '@mlightenment/backstage-plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  problems: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  // A field path is an identifier: it moves to the next line whole.
  field: {
    fontFamily: 'monospace',
    whiteSpace: 'nowrap',
  },
}));

const STATES: Record<RejectedEntityState, string> = {
  'not-in-catalog': 'Not in the catalog',
  'previous-version-served':
    'The catalog serves its previous version; the latest change is not in it',
};

/** A path or address that may break after each slash, never inside a name. */
function Breakable(props: { text: string }) {
  const parts = props.text.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** `/srv/catalog/models.yaml, line 6`, an address as a link. */
function FileLocation(props: { location: RejectedEntityLocation }) {
  const { type, target, line } = props.location;
  const file =
    type === 'url' && /^https?:\/\//.test(target) ? (
      <Link href={target} target="_blank" rel="noopener noreferrer">
        <Breakable text={target} />
      </Link>
    ) : (
      <Breakable text={target} />
    );
  return (
    <>
      {file}
      {line !== undefined && <>, line {line}</>}
    </>
  );
}

/**
 * The rejected entities, each with its name (a link when the catalog still
 * serves a version of it), its kind, what the catalog does with it, the
 * owner when asked, the file and line it is in, and each problem with its
 * field and line.
 */
export function RejectedEntityList(props: {
  entities: readonly RejectedEntity[];
  showOwner?: boolean;
}) {
  const { entities, showOwner } = props;
  const classes = useStyles();
  return (
    <List dense disablePadding aria-label="Rejected ML entities">
      {entities.map((entity, i) => {
        const { name } = parseEntityRef(entity.entityRef);
        return (
          <ListItem
            key={entity.entityRef}
            disableGutters
            divider={i < entities.length - 1}
          >
            <Box width="100%" data-testid="mlops-rejected-entity">
              <Typography variant="subtitle1" component="h3">
                {entity.state === 'previous-version-served' ? (
                  <EntityRefLink
                    entityRef={entity.entityRef}
                    title={entity.title}
                  />
                ) : (
                  entity.title ?? name
                )}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {entity.kind} {name} · {STATES[entity.state]}
              </Typography>
              {showOwner && (
                <Typography variant="body2">
                  Owner:{' '}
                  {entity.owner ? (
                    <EntityRefLink
                      entityRef={entity.owner}
                      defaultKind="group"
                    />
                  ) : (
                    'not a valid reference'
                  )}
                </Typography>
              )}
              {entity.location && (
                <Typography variant="body2">
                  In <FileLocation location={entity.location} />
                </Typography>
              )}
              <ul
                className={classes.problems}
                aria-label={`Problems of ${entity.title ?? name}`}
              >
                {entity.problems.map((problem, j) => (
                  <Typography key={j} variant="body2" component="li">
                    {problem.field && (
                      <>
                        <span className={classes.field}>{problem.field}</span>{' '}
                      </>
                    )}
                    {problem.message}
                    {problem.line !== undefined && (
                      <Typography
                        variant="body2"
                        component="span"
                        color="textSecondary"
                      >
                        {' '}
                        (line {problem.line})
                      </Typography>
                    )}
                  </Typography>
                ))}
              </ul>
            </Box>
          </ListItem>
        );
      })}
    </List>
  );
}
