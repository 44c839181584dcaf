/**
 * Reads a file of voucher codes the way the API does (one code a line, the first column of a CSV, an optional
 * "code" header, codes of 3 to 100 characters) and says which lines will not be loaded and why, since the API only
 * answers with counts.
 */
export const CODE_MIN = 3;
export const CODE_MAX = 100;

export type LineProblem = 'tooShort' | 'tooLong' | 'duplicate';

export interface LineError {
  line: number;
  code: string;
  problem: LineProblem;
  /** For a duplicate: the line where the code first appeared. */
  firstLine?: number;
}

export interface ParsedCodes {
  codes: string[];
  errors: LineError[];
  /** Non-empty lines read, the header left out. */
  lines: number;
}

/** The first field of a CSV line: quoted ("a ""b"", c") or up to the first comma or tab. */
function firstField(line: string): string {
  if (line.startsWith('"')) {
    let value = '';
    for (let i = 1; i < line.length; i++) {
      const char = line[i];
      if (char === '"') {
        if (line[i + 1] === '"') {
          value += '"';
          i++;
        } else break;
      } else value += char;
    }
    return value;
  }
  const end = line.search(/[,\t;]/);
  return end === -1 ? line : line.slice(0, end);
}

export function parseVoucherCodes(text: string): ParsedCodes {
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const seen = new Map<string, number>();
  const codes: string[] = [];
  const errors: LineError[] = [];
  let lines = 0;
  let first = true;
  rows.forEach((row, index) => {
    const line = index + 1;
    if (!row.trim()) return;
    const code = firstField(row.trim()).trim();
    if (first) {
      first = false;
      if (code.toLowerCase() === 'code') return;
    }
    lines++;
    if (code.length < CODE_MIN) errors.push({ line, code, problem: 'tooShort' });
    else if (code.length > CODE_MAX) errors.push({ line, code, problem: 'tooLong' });
    else if (seen.has(code)) errors.push({ line, code, problem: 'duplicate', firstLine: seen.get(code) });
    else {
      seen.set(code, line);
      codes.push(code);
    }
  });
  return { codes, errors, lines };
}
