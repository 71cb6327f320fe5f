// The end-to-end tests run in Node beside the browser, not in the app.
// eslint-disable-next-line no-restricted-imports
import { appendFileSync } from 'fs';
import { expect, Page, test } from '@playwright/test';
import axe from 'axe-core';

/**
 * Where the suite's own markup is on a page: every card, tab and section of
 * the mlops plugin carries a `data-testid` starting with `mlops-`, and the
 * `/mlops` page is ours as a whole (its root carries `mlops-page`).
 */
const OURS = '[data-testid^="mlops-"]';

/**
 * What is not ours, so not held to the bar (docs/accessibility.md lists the
 * findings in them): the host's chrome that the suite only sits in.
 *
 * - the app's sidebar (Backstage's `Sidebar`, configured by the demo app);
 * - the entity page's header and tab bar (the catalog plugin's
 *   `EntityLayout`), which render our tab titles but not our markup;
 * - the catalog's own cards beside ours on entity pages (About, Links,
 *   Relations, the catalog graph), everything else outside {@link OURS}.
 *
 * Page-level rules (one `main` landmark, an `h1`, content inside landmarks)
 * apply to the `/mlops` page, which the suite lays out itself.
 */
const BACKSTAGE_CHROME = 'nav[aria-label="sidebar nav"]';

/**
 * WCAG 2.0, 2.1 and 2.2 A and AA plus axe's best practices (landmarks,
 * heading order), and one experimental rule the issue found violations of:
 * a control's accessible name must contain its visible label (WCAG 2.5.3).
 */
const RUN_OPTIONS: axe.RunOptions = {
  runOnly: {
    type: 'tag',
    values: [
      'wcag2a',
      'wcag2aa',
      'wcag21a',
      'wcag21aa',
      'wcag22aa',
      'best-practice',
    ],
  },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
};

/** One finding of one rule, with whether it is in the suite's markup. */
export type AxeFinding = {
  rule: string;
  impact: string;
  help: string;
  target: string;
  html: string;
  ours: boolean;
};

/**
 * Runs axe-core on the page as it is now and returns every violation, each
 * node marked ours or not. `pageIsOurs` says the whole page (not only the
 * cards and tabs marked {@link OURS}) is laid out by the suite.
 */
export async function axeFindings(
  page: Page,
  options: { pageIsOurs?: boolean } = {},
): Promise<AxeFinding[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  return page.evaluate(
    async ({ runOptions, ours, chrome, pageIsOurs }) => {
      const { violations } = await (window as any).axe.run(
        document,
        runOptions,
      );
      return (violations as axe.Result[]).flatMap(violation =>
        violation.nodes.map(node => {
          const selector = node.target.join(' ');
          let element: Element | null = null;
          try {
            element = document.querySelector(String(node.target.at(-1)));
          } catch {
            // A target inside a shadow root or frame: not ours.
          }
          const inOurs = Boolean(element?.closest(ours));
          const inChrome = Boolean(element?.closest(chrome));
          return {
            rule: violation.id,
            impact: node.impact ?? violation.impact ?? 'unknown',
            help: violation.help,
            target: selector,
            html: node.html.slice(0, 200),
            ours: inOurs || (pageIsOurs && !inChrome),
          };
        }),
      );
    },
    {
      runOptions: RUN_OPTIONS,
      ours: OURS,
      chrome: BACKSTAGE_CHROME,
      pageIsOurs: options.pageIsOurs ?? false,
    },
  );
}

const BLOCKING = ['serious', 'critical'];

/** A line per finding, for the report and for a failing expectation. */
function describe(findings: AxeFinding[]): string {
  return findings
    .map(f => `${f.impact} ${f.rule} (${f.help}) at ${f.target}: ${f.html}`)
    .join('\n');
}

/**
 * Scans the page with axe-core and fails on a serious or critical violation
 * in the suite's markup (a soft failure: the test goes on, so that one run
 * reports every page). Every finding, the host's included, is attached to
 * the test's report under `name`, so that a run shows what was excluded.
 */
export async function expectAccessible(
  page: Page,
  name: string,
  options: { pageIsOurs?: boolean } = {},
) {
  const findings = await axeFindings(page, options);
  const width = page.viewportSize()?.width;
  await test.info().attach(`axe ${name} at ${width} px`, {
    body: JSON.stringify(findings, null, 2),
    contentType: 'application/json',
  });
  if (process.env.AXE_SUMMARY) {
    // One JSON line per scan, for docs/accessibility.md's table of results.
    const count = (ours: boolean) =>
      Object.fromEntries(
        ['critical', 'serious', 'moderate', 'minor'].map(impact => [
          impact,
          findings
            .filter(f => f.ours === ours && f.impact === impact)
            .map(f => f.rule),
        ]),
      );
    appendFileSync(
      process.env.AXE_SUMMARY,
      `${JSON.stringify({
        name,
        width,
        ours: count(true),
        host: count(false),
        findings,
      })}\n`,
    );
  }
  const blocking = findings.filter(f => f.ours && BLOCKING.includes(f.impact));
  expect
    .soft(
      blocking,
      `serious or critical axe-core violations on ${name} at ${width} px:\n${describe(
        blocking,
      )}`,
    )
    .toEqual([]);
  const moderate = findings.filter(f => f.ours && !BLOCKING.includes(f.impact));
  expect
    .soft(
      moderate,
      `moderate or minor axe-core violations on ${name} at ${width} px:\n${describe(
        moderate,
      )}`,
    )
    .toEqual([]);
}
