import { createTheme, ThemeProvider } from '@material-ui/core/styles';
import { render, screen } from '@testing-library/react';
import { ErrorText } from './ErrorText';

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = colour
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number)
      .map(c => c / 255)
      .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// Backstage's themes keep Material UI's error reds and card colours.
describe.each([
  ['light', createTheme()],
  ['dark', createTheme({ palette: { type: 'dark' } })],
])('error text on a %s card', (_, theme) => {
  /** A colour as the browser computes it, `rgb(r, g, b)`. */
  const rgb = (colour: string) => {
    const probe = document.createElement('div');
    probe.style.color = colour;
    document.body.appendChild(probe);
    return getComputedStyle(probe).color;
  };

  // The labels and helper texts of fields in error get the same red through
  // a descendant rule that outranks Material UI's by specificity, which
  // jsdom does not weigh: the end-to-end scan of the check-in form's errors
  // checks them in the browser.
  it('reads at 4.5:1 or more', () => {
    render(
      <ThemeProvider theme={theme}>
        <ErrorText>The export failed.</ErrorText>
      </ThemeProvider>,
    );
    const colour = getComputedStyle(
      screen.getByText('The export failed.'),
    ).color;
    expect(
      contrast(colour, rgb(theme.palette.background.paper)),
    ).toBeGreaterThanOrEqual(4.5);
  });
});
