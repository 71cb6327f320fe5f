import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ErrorText } from '../components/shared';

/** Refresh, and what went wrong with the last press. */
export function RefreshButton(props: {
  refresh(): void;
  refreshing: boolean;
  failure?: string;
}) {
  return (
    <Box>
      <Button
        variant="outlined"
        startIcon={<RefreshIcon />}
        onClick={props.refresh}
        disabled={props.refreshing}
      >
        {props.refreshing ? 'Refreshing…' : 'Refresh'}
      </Button>
      <Box role="status" marginTop={props.failure ? 1 : 0}>
        {props.failure && <ErrorText>{props.failure}</ErrorText>}
      </Box>
    </Box>
  );
}
