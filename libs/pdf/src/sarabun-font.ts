import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Sarabun (the typeface of Thai government documents, OFL-1.1) from the `@fontsource/sarabun` package, embedded in
 * every printed page as base64 `@font-face` rules: rendering never depends on the fonts of the machine or on the
 * network. Regular (400) and bold (700), upright, in the Thai, Latin and Latin Extended subsets; the browser
 * synthesises italics. The unicode ranges are read from the package's own CSS, so a new release of the package
 * brings its ranges with it.
 */
export const PDF_FONT_FAMILY = 'Sarabun';

const WEIGHTS = [400, 700] as const;
const SUBSETS = ['thai', 'latin', 'latin-ext'] as const;

let cached: string | null = null;

/** The `@font-face` rules (about 90 kB of CSS), built once per process. */
export function sarabunFontFaces(): string {
  cached ??= buildFontFaces();
  return cached;
}

function buildFontFaces(): string {
  const root = dirname(require.resolve('@fontsource/sarabun/package.json'));
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    const css = readFileSync(join(root, `${weight}.css`), 'utf8');
    for (const subset of SUBSETS) {
      const file = `sarabun-${subset}-${weight}-normal.woff2`;
      const range = unicodeRangeOf(css, file);
      const font = readFileSync(join(root, 'files', file)).toString('base64');
      rules.push(
        `@font-face{font-family:'${PDF_FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${font}) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  return rules.join('\n');
}

/** The `unicode-range` of the `@font-face` rule whose source is this file, in the package's CSS. */
function unicodeRangeOf(css: string, file: string): string {
  const rule = css.split('@font-face').find((block) => block.includes(`/files/${file}`));
  const range = rule?.match(/unicode-range:\s*([^;}]+)/)?.[1]?.trim();
  if (!range) throw new Error(`@fontsource/sarabun: no unicode-range for ${file}; has the package changed?`);
  return range;
}
