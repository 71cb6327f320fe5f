import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import { useReadableErrors } from './ErrorText';
import { useFocusRing } from './focusRing';

/** Props every MLightenment entity card accepts. @public */
export interface MlopsCardProps {
  /** The InfoCard variant; use `gridItem` inside a Material UI Grid. */
  variant?: InfoCardVariants;
}

/**
 * An InfoCard whose title is an `h2` heading and whose root carries a test id,
 * so that readers of the page and end-to-end tests find it the same way.
 */
export function MlopsInfoCard(props: {
  title: string;
  testId: string;
  subheader?: ReactNode;
  variant?: InfoCardVariants;
  children: ReactNode;
}) {
  const { title, testId, subheader, variant, children } = props;
  const focusRing = useFocusRing();
  const readableErrors = useReadableErrors();
  return (
    <Box
      data-testid={testId}
      className={`${focusRing.root} ${readableErrors.root}`}
      height={variant === 'gridItem' ? '100%' : undefined}
    >
      <InfoCard
        title={title}
        subheader={subheader}
        variant={variant}
        titleTypographyProps={{ component: 'h2' }}
      >
        {children}
      </InfoCard>
    </Box>
  );
}
