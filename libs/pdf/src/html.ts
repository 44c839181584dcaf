/**
 * The templating of printed documents: a tagged template that escapes every value it is given, unless the value is
 * markup the code made itself (another `html` result, or `raw()` for markup built by code such as an SVG chart).
 * Names, titles and any text a member typed therefore always land in the page as text, never as markup.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside elements and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** Markup that is safe as it is: made by `html` (whose values were escaped) or declared trusted with `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** Trusted markup, put in as it is. Only for markup the code builds, never for text that came from a person. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * `html\`<td>${name}</td>\`` escapes `name`; arrays are rendered item by item (a list of rows), `null`,
 * `undefined` and `false` render nothing (`${cond && html\`…\`}`), nested `html` results stay markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let index = 0; index < values.length; index += 1) out += render(values[index]) + strings[index + 1];
  return new SafeHtml(out);
}

/** Markup, whichever of the two a caller passed. */
export function markupOf(content: string | SafeHtml): string {
  return content instanceof SafeHtml ? content.value : content;
}
