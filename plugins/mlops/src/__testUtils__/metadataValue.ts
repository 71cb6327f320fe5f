import { screen } from '@testing-library/react';

/** The value a card shows beside `label` in its list of facts. */
export function metadataValue(card: HTMLElement, label: string): HTMLElement {
  const term = screen
    .getAllByText(label, { selector: 'dt' })
    .find(dt => card.contains(dt));
  if (!term) throw new Error(`no field labelled ${label}`);
  const value = term.nextElementSibling;
  if (value?.tagName !== 'DD') throw new Error(`${label} has no value`);
  return value as HTMLElement;
}
