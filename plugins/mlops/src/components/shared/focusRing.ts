import { makeStyles } from '@material-ui/core/styles';

/**
 * A class that outlines the control a keyboard user is on, anywhere inside
 * the element that carries it: Material UI marks only a faint ripple or
 * shadow, which a sighted keyboard user can lose (WCAG 2.4.7).
 */
export const useFocusRing = makeStyles(
  theme => ({
    root: {
      '& .Mui-focusVisible, & a:focus-visible, & [tabindex]:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: 2,
      },
    },
  }),
  { name: 'MlopsFocusRing' },
);
