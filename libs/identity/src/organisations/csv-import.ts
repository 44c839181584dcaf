import { parse } from 'csv-parse/sync';
import { DomainError } from '@lc/core';
import { IdentityErrors } from '../identity-errors';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface ImportProblem {
  line: number;
  key?: string;
  reason: string;
}

export interface ImportReport {
  received: number;
  created: number;
  updated: number;
  skipped: number;
  errors: ImportProblem[];
}

/** Parses a CSV with a header row; line numbers count the header as line 1, as a spreadsheet shows them. */
export function readCsv(text: string, required: string[]): CsvRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', `The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new DomainError(IdentityErrors.IDENTITY_IMPORT_EMPTY);
  const header = Object.keys(records[0]!.record);
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) throw new DomainError('VALIDATION_FAILED', `Missing columns: ${missing.join(', ')}`);
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

/** With errors and without `skipInvalid`, nothing is written and the caller gets every problem at once. */
export function refuseIfErrors(errors: ImportProblem[], skipInvalid: boolean): void {
  if (errors.length > 0 && !skipInvalid) {
    throw new DomainError(IdentityErrors.IDENTITY_IMPORT_HAS_ERRORS, `${errors.length} row(s) have errors`, {
      errors: errors as never,
    });
  }
}
