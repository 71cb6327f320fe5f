import type { MaturityLevel } from '@mlightenment/backstage-plugin-mlops-common';

/** Background colours per level, from red (manual) to green (governed); the text always names the level. */
const COLOURS = ['#e05d44', '#fe7d37', '#dfb317', '#97ca00', '#44cc11'];

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    c =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[
        c
      ]!),
  );
}

/** Approximate width of text in 11px Verdana, as shields.io badges measure it. */
function textWidth(text: string): number {
  return Math.round(text.length * 6.5 + 10);
}

/** A flat badge: "MLOps maturity | L3 · Automated deployment". */
export function maturityBadge(options: {
  level?: MaturityLevel;
  levelName?: string;
  label?: string;
}): string {
  const label = options.label ?? 'MLOps maturity';
  const value =
    options.level === undefined
      ? 'not evaluated'
      : `L${options.level} · ${options.levelName}`;
  const colour =
    options.level === undefined ? '#9f9f9f' : COLOURS[options.level];
  const left = textWidth(label);
  const right = textWidth(value);
  const width = left + right;
  const title = `${label}: ${value}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(
    title,
  )}"><title>${escapeXml(
    title,
  )}</title><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${
    left / 2
  }" y="14">${escapeXml(label)}</text><text x="${
    left + right / 2
  }" y="14">${escapeXml(value)}</text></g></svg>`;
}
