import { screen } from '@testing-library/react';

/** The titles of the cards of each kind, as the page shows them. */
export const cardTitles = {
  MLUseCase: ['Use case', 'Business drivers', 'Acceptance criteria'],
  MLModel: ['Model details', 'Lineage', 'Metrics', 'Fairness', 'Model card'],
  MLMonitor: ['Monitor', 'Monitored features'],
} as const;

/** The card titles on the page, sorted: every card title is an `h2`. */
export function cardHeadings(): string[] {
  return screen
    .queryAllByRole('heading', { level: 2 })
    .map(heading => heading.textContent ?? '')
    .sort();
}

/** The given titles, sorted like {@link cardHeadings}. */
export function sorted(titles: readonly string[]): string[] {
  return [...titles].sort();
}
