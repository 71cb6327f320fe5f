import type { Locator, Page } from '@playwright/test';

/** Each visible character of an element, its text node and its line's top. */
type Placed = { char: string; node: number; top: number };

/**
 * Text layout faults in the given elements that only a browser can see, each
 * described with the text around it; an empty list means the text reads well.
 *
 * - `words`: a word broken across two lines ("Not / ify:"); breaks after a
 *   hyphen or slash, and between a closing and an opening bracket, are where
 *   words may break.
 * - `separators`: a line that starts with a separator (", churn-api").
 */
export function textLayoutFaults(
  elements: Locator,
  fault: 'words' | 'separators',
): Promise<string[]> {
  return elements.evaluateAll(
    (nodes, kind) =>
      nodes.flatMap(element => {
        const chars: Placed[] = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let index = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) {
              chars.push({
                char: text[i],
                node: index,
                top: Math.round(rect.top),
              });
            }
          }
          index++;
        }
        const around = (i: number) =>
          chars
            .slice(Math.max(0, i - 8), i + 8)
            .map(c => c.char)
            .join('');
        const faults: string[] = [];
        for (let i = 1; i < chars.length; i++) {
          const [before, here] = [chars[i - 1], chars[i]];
          if (here.top <= before.top) continue;
          // Between a closing and an opening bracket ("…:]" / "[<namespace>")
          // is a break opportunity too.
          const betweenBrackets =
            /[\])}]/.test(before.char) && /[[({]/.test(here.char);
          const brokenWord =
            before.node === here.node &&
            /\S/.test(here.char) &&
            /[^\s\-/]/.test(before.char) &&
            !betweenBrackets;
          if (kind === 'words' && brokenWord) {
            faults.push(`word broken across lines: "${around(i)}"`);
          }
          const first = chars.slice(i).find(c => /\S/.test(c.char));
          if (kind === 'separators' && first && /[,;]/.test(first.char)) {
            faults.push(`line starts with "${first.char}": "${around(i)}"`);
          }
        }
        return faults;
      }),
    fault,
  );
}

/**
 * The tables inside `cards` that are wider than their card, each described
 * by the card's test id and by how many pixels it sticks out (a table wider
 * than its card scrolls sideways or is cut off). An empty list means every
 * table fits.
 */
export function tablesWiderThanTheirCard(cards: Locator): Promise<string[]> {
  return cards.evaluateAll(nodes =>
    nodes.flatMap(card => {
      const right = card.getBoundingClientRect().right;
      return [...card.querySelectorAll('table')].flatMap(table => {
        const over = Math.round(table.getBoundingClientRect().right - right);
        return over > 0
          ? [`${card.getAttribute('data-testid')}: ${over}px wider`]
          : [];
      });
    }),
  );
}

/**
 * The tabs of the entity page's tab bar (the header's navigation) that are
 * not wholly in view: behind the bar's scroll buttons or faded out at its
 * edge. An empty list means a reader sees every tab without scrolling the
 * bar.
 */
export function tabsOutOfView(page: Page): Promise<string[]> {
  return page
    .locator('main nav')
    .first()
    .evaluate(nav => {
      // The bar's visible part: the nearest ancestor that scrolls sideways.
      let bar: Element = nav;
      for (let e = nav.parentElement; e; e = e.parentElement) {
        if (getComputedStyle(e).overflowX !== 'visible') {
          bar = e;
          break;
        }
      }
      const { left, right } = bar.getBoundingClientRect();
      return [...nav.querySelectorAll('li')].flatMap(tab => {
        const box = tab.getBoundingClientRect();
        return box.left < left - 0.5 || box.right > right + 0.5
          ? [tab.textContent ?? '']
          : [];
      });
    });
}
