/**
 * Search terms for highlighting. Thai has no spaces between words, so the query is cut into words the way the API
 * does it (ICU's Thai dictionary through Intl.Segmenter); the API's snippet arrives HTML-escaped with <mark>.
 */
export function searchTerms(query: string | null | undefined): string[] {
  const trimmed = (query ?? '').normalize('NFC').trim();
  if (!trimmed) return [];
  const words = new Set<string>([trimmed]);
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    for (const part of segmenter.segment(trimmed)) {
      if (part.isWordLike && [...part.segment].length >= 2) words.add(part.segment);
    }
  } else {
    for (const word of trimmed.split(/\s+/)) if (word.length >= 2) words.add(word);
  }
  return [...words];
}

/** Whether a text contains one of the terms (case-insensitive). */
export function containsTerm(text: string, terms: string[]): boolean {
  const lower = text.normalize('NFC').toLowerCase();
  return terms.some((term) => lower.includes(term.toLowerCase()));
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** The API's snippet ("…ข้อความ <mark>คำค้น</mark> …", HTML-escaped) as plain text parts; never parsed as HTML. */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: unescape(snippet.slice(last, match.index)), mark: false });
    parts.push({ text: unescape(match[1] ?? ''), mark: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescape(snippet.slice(last)), mark: false });
  return parts.filter((part) => part.text.length > 0);
}
