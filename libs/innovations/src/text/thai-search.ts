import { segmentWordsHere, segmentWordsOffThread } from './thai-segmenter';

/**
 * Thai is written without spaces between words, so a tsvector over raw text would see whole phrases as one
 * "word". Text is segmented into words with ICU's Thai dictionary (Intl.Segmenter) both when it is written and
 * when it is queried; a trigram index over the unsegmented text catches partial words the segmenter split
 * differently. Segmentation itself is in thai-segmenter.ts (documents in a worker thread).
 */

/** Words of a short text (a query), on this thread. Documents go through `searchTokensOffThread`. */
export function segmentWords(text: string): string[] {
  return segmentWordsHere(text);
}

export interface SearchableText {
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

function tokenSource(doc: SearchableText): string {
  return [doc.title, doc.title, doc.summary, doc.tags.join(' '), stripMarkdown(doc.body)].join('\n');
}

/** Space-separated words for `to_tsvector('simple', …)`: the title counted twice so it weighs more. */
export function searchTokens(doc: SearchableText): string {
  return segmentWords(tokenSource(doc)).join(' ');
}

/** The same words, segmented in the worker thread when the document is long (the request's loop stays free). */
export async function searchTokensOffThread(doc: SearchableText): Promise<string> {
  const [words] = await segmentWordsOffThread([tokenSource(doc)]);
  return words!.join(' ');
}

/** The unsegmented, lower-cased text for trigram matching. */
export function searchRaw(doc: SearchableText): string {
  return [doc.title, doc.summary, doc.tags.join(' '), stripMarkdown(doc.body)]
    .join('\n')
    .normalize('NFC')
    .toLowerCase();
}

export interface SearchQuery {
  /** Words for plainto_tsquery('simple', …): every word must match. */
  words: string;
  /** ILIKE pattern over the raw text, for a partial word; null when the query is too short for trigrams. */
  pattern: string | null;
  terms: string[];
}

export function parseQuery(q: string): SearchQuery | null {
  const trimmed = q.normalize('NFC').trim().toLowerCase().slice(0, 200);
  const terms = segmentWords(trimmed);
  if (terms.length === 0) return null;
  const escaped = trimmed.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { words: terms.join(' '), pattern: [...trimmed].length >= 3 ? `%${escaped}%` : null, terms };
}

function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A short extract around the first match, HTML-escaped, with every query term wrapped in <mark>.
 * Built from the original text, so Thai reads as written (no segmenter spaces).
 */
export function snippet(text: string, terms: string[], radius = 70): string {
  const plain = stripMarkdown(text).replace(/\s+/g, ' ').trim();
  const lower = plain.toLowerCase();
  const positions = terms.map((term) => lower.indexOf(term)).filter((index) => index >= 0);
  const first = positions.length ? Math.min(...positions) : 0;
  const start = Math.max(0, first - radius);
  const end = Math.min(plain.length, first + radius * 2);
  let extract = escapeHtml(plain.slice(start, end));
  const sorted = [...new Set(terms.map(escapeHtml))].sort((a, b) => b.length - a.length);
  if (sorted.length) {
    const pattern = new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
    extract = extract.replace(pattern, (match) => `<mark>${match}</mark>`);
  }
  return `${start > 0 ? '…' : ''}${extract}${end < plain.length ? '…' : ''}`;
}
