/** Longest display name kept, in characters; longer names are shortened before their extension. */
export const MAX_FILE_NAME_LENGTH = 180;

// C0 and C1 controls, and the bidirectional overrides that can make "gpj.exe" look like "exe.jpg".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is shown and downloaded under. It is only ever displayed: storage keys are generated, so
 * a name like `../../etc/passwd` can do no harm, and becomes `passwd`.
 */
export function displayFileName(raw: string | null | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_CHARACTERS, '').trim();
  if (/^\.*$/.test(cleaned)) return 'file';
  const characters = Array.from(cleaned);
  if (characters.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  return (
    characters
      .slice(0, MAX_FILE_NAME_LENGTH - keep.length)
      .join('')
      .trimEnd() + keep.join('')
  );
}

/**
 * `Content-Disposition: attachment` with the name in RFC 5987 form (`filename*`), plus a plain-ASCII
 * `filename` for clients that do not read it.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
