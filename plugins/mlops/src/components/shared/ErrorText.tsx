import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  darken,
  getContrastRatio,
  lighten,
  makeStyles,
  Theme,
} from '@material-ui/core/styles';

/**
 * The red that error text reads in on the theme's cards: Material UI's
 * main error red reaches only 3.7:1 on white (WCAG asks 4.5:1 for text),
 * its light shade 3.4:1 on a dark card; the dark shade (light on a dark
 * theme), darkened (lightened) further until it reaches 4.5:1.
 */
function errorTextColour(theme: Theme): string {
  const { error, background, type } = theme.palette;
  const shade = type === 'dark' ? lighten : darken;
  const start = type === 'dark' ? error.light : error.dark;
  for (let amount = 0; amount < 1; amount += 0.1) {
    const colour = shade(start, amount);
    if (getContrastRatio(colour, background.paper) >= 4.5) return colour;
  }
  return theme.palette.text.primary;
}

/**
 * A class that gives the labels, legends and helper texts of fields in
 * error (Material UI marks them with its global `Mui-error` class, which
 * no app prefixes), anywhere inside the element that carries it, a red
 * that can be read; their outlines keep the main red.
 */
export const useReadableErrors = makeStyles(
  theme => ({
    root: {
      '& label.Mui-error, & legend.Mui-error, & p.Mui-error': {
        color: errorTextColour(theme),
      },
    },
    text: { color: errorTextColour(theme) },
  }),
  { name: 'MlopsReadableErrors' },
);

/** An error message in words, in a red that can be read. */
export function ErrorText(props: { children: ReactNode; role?: string }) {
  const classes = useReadableErrors();
  return (
    <Typography variant="body2" className={classes.text} role={props.role}>
      {props.children}
    </Typography>
  );
}
