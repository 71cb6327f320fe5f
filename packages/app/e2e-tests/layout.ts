import type { Locator } from '@playwright/test';

/** Each visible character of an element, its text node and its line's top. */
type Placed = { char: string; node: number; top: number };

/**
 * Text layout faults in the given elements that only a browser can see, each
 * described with the text around it; an empty list means the text reads well.
 *
 * - `words`: a word broken across two lines ("Not / ify:"); breaks after a
 *   hyphen or slash are where words may break.
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
          const brokenWord =
            before.node === here.node &&
            /\S/.test(here.char) &&
            /[^\s\-/]/.test(before.char);
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
