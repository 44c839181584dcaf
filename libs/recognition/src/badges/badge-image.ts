/**
 * A badge's picture, drawn from its definition: a medal in the badge's colour with its initials (the code's words),
 * as SVG so that it is sharp at any size, small, and needs no file storage. The credential's `achievement.image`
 * points here.
 */
const COLOURS: Record<string, [string, string]> = {
  teal: ['#0b7285', '#c3fae8'],
  orange: ['#d9480f', '#ffe8cc'],
  grape: ['#862e9c', '#f3d9fa'],
  blue: ['#1864ab', '#d0ebff'],
  pink: ['#a61e4d', '#ffdeeb'],
  indigo: ['#364fc7', '#dbe4ff'],
};

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function badgeImageSvg(badge: { code: string; nameEn: string; colour: string }): string {
  const [dark, light] = COLOURS[badge.colour] ?? COLOURS.teal!;
  const initials = badge.code
    .split('_')
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="${escape(badge.nameEn)}">
  <title>${escape(badge.nameEn)}</title>
  <path d="M88 150 L60 244 L96 226 L112 252 L128 170 Z" fill="${dark}" opacity="0.85"/>
  <path d="M168 150 L196 244 L160 226 L144 252 L128 170 Z" fill="${dark}" opacity="0.85"/>
  <circle cx="128" cy="104" r="92" fill="${dark}"/>
  <circle cx="128" cy="104" r="76" fill="${light}"/>
  <circle cx="128" cy="104" r="76" fill="none" stroke="${dark}" stroke-width="4" stroke-dasharray="6 6"/>
  <text x="128" y="124" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="60" font-weight="700" fill="${dark}">${escape(initials)}</text>
</svg>
`;
}
