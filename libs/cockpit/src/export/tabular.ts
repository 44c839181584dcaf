/**
 * The cockpit's tables as files people open in Excel: CSV (UTF-8 with a byte order mark, so Excel reads Thai;
 * RFC 4180 quoting; text that Excel would take for a formula is defused) and XLSX (numbers as numbers, dates as
 * dates, frozen and filterable headers, column widths). Headers come in Thai, English, or Thai above English.
 */

export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export interface TabularColumn {
  /** The row field this column shows. */
  key: string;
  th: string;
  en: string;
  /**
   * How cells are written. Unset: numbers as decimals, Date values as date-times, the rest as text. Numbers that
   * arrive as text (PostgreSQL's bigint and numeric) are written as numbers in numeric columns. A `date` is a
   * calendar day (`YYYY-MM-DD`, or an instant taken as its Bangkok day); a `datetime` is shown in Bangkok time.
   * A `percent` is a fraction (0.25 is 25 %).
   */
  type?: ColumnType;
  /** Decimal places of a `decimal` or `percent` column (default 2 and 1). */
  decimals?: number;
  /** Width in characters (XLSX); measured from the content when unset. */
  width?: number;
}

export type TabularRow = Record<string, unknown>;

export type HeaderLanguage = 'th' | 'en' | 'both';

export interface TabularOptions {
  /** Header rows: Thai, English, or Thai then English (the default). */
  language?: HeaderLanguage;
}

export interface XlsxOptions extends TabularOptions {
  sheetName: string;
}

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const CSV_BOM = '\uFEFF';
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Text starting with these is a formula (or DDE) to Excel and LibreOffice (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

function headerRows(columns: TabularColumn[], language: HeaderLanguage = 'both'): string[][] {
  const th = columns.map((column) => column.th);
  const en = columns.map((column) => column.en);
  if (language === 'th') return [th];
  if (language === 'en') return [en];
  return [th, en];
}

/** The kind of a cell: its column's type, or, for an untyped column, what the value is. */
function kindOf(column: TabularColumn, value: unknown): ColumnType {
  if (column.type) return column.type;
  if (typeof value === 'number' || typeof value === 'bigint') return 'decimal';
  if (value instanceof Date) return 'datetime';
  return 'text';
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

/** A calendar day as a Date at UTC midnight (how a spreadsheet keeps a day), from a day key or an instant. */
function toDay(value: unknown): Date | null {
  if (typeof value === 'string' && DAY_PATTERN.test(value)) return new Date(`${value}T00:00:00Z`);
  const instant = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) return null;
  return new Date(`${new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10)}T00:00:00Z`);
}

/** An instant as its Bangkok wall-clock time, held in a Date's UTC fields (what a spreadsheet shows as it is). */
function toBangkokWallClock(value: unknown): Date | null {
  const instant = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) return null;
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS);
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

// ---- CSV ----

function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell(column: TabularColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (kindOf(column, value)) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      // A number is written plainly ("-5", "0.25"); only text goes through the formula guard.
      const number = toNumber(value);
      return number === null ? csvField(textOf(value)) : String(number);
    }
    case 'date': {
      const day = toDay(value);
      return day ? day.toISOString().slice(0, 10) : csvField(textOf(value));
    }
    case 'datetime': {
      const wall = toBangkokWallClock(value);
      return wall ? `${wall.toISOString().slice(0, 19).replace('T', ' ')}+07:00` : csvField(textOf(value));
    }
    default:
      return csvField(textOf(value));
  }
}

/** RFC 4180 CSV (CRLF line ends) in UTF-8 with a byte order mark. Date-times are Bangkok time, marked +07:00. */
export function toCsv(columns: TabularColumn[], rows: TabularRow[], options: TabularOptions = {}): Buffer {
  const lines = headerRows(columns, options.language).map((header) => header.map(csvField).join(','));
  for (const row of rows) lines.push(columns.map((column) => csvCell(column, row[column.key])).join(','));
  return Buffer.from(CSV_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

// ---- XLSX ----

function numberFormat(column: TabularColumn, kind: ColumnType): string | undefined {
  const places = (count: number) => (count > 0 ? `.${'0'.repeat(count)}` : '');
  switch (kind) {
    case 'integer':
      return '#,##0';
    case 'decimal':
      return `#,##0${places(column.decimals ?? 2)}`;
    case 'percent':
      return `0${places(column.decimals ?? 1)}%`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    default:
      return undefined;
  }
}

function xlsxValue(column: TabularColumn, value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (kindOf(column, value)) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return toNumber(value) ?? textOf(value);
    case 'date':
      return toDay(value) ?? textOf(value);
    case 'datetime':
      return toBangkokWallClock(value) ?? textOf(value);
    default:
      // Text stays text: a cell typed as a string is never evaluated as a formula in XLSX.
      return textOf(value);
  }
}

/** Characters a text takes on screen: Thai vowel and tone marks sit above or below and take none. */
function displayLength(text: string): number {
  return [...text].filter((character) => !/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(character)).length;
}

/**
 * Excel refuses sheet names over 31 characters (UTF-16 units) or with any of : \ / ? * [ ]. A long name is cut
 * between graphemes, never between a Thai consonant and its marks.
 */
function sheetNameOf(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let cut = '';
  for (const { segment } of new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(cleaned)) {
    if (cut.length + segment.length > 31) break;
    cut += segment;
  }
  return cut.trim() || 'Sheet1';
}

export async function toXlsx(
  columns: TabularColumn[],
  rows: TabularRow[],
  options: XlsxOptions,
): Promise<Buffer> {
  // exceljs is loaded on the first XLSX: most processes never write one.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'ชุมชนนวัตกรรมการเรียนรู้ (Learning Community)';
  workbook.created = new Date();
  const headers = headerRows(columns, options.language);
  const sheet = workbook.addWorksheet(sheetNameOf(options.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headers.length }],
  });

  for (const header of headers) {
    const row = sheet.addRow(header);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', wrapText: true };
    row.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } } };
    });
  }

  const widths = columns.map((column) => Math.max(displayLength(column.th), displayLength(column.en)));
  for (const source of rows) {
    const row = sheet.addRow(columns.map((column) => xlsxValue(column, source[column.key])));
    columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const format = numberFormat(column, kindOf(column, source[column.key]));
      if (format && cell.value !== null && typeof cell.value !== 'string') cell.numFmt = format;
      const shown =
        cell.value instanceof Date ? (format?.length ?? 10) : displayLength(textOf(cell.value)) + 2;
      widths[index] = Math.max(widths[index], shown);
    });
  }
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width ?? Math.min(60, Math.max(8, widths[index] + 2));
  });
  if (columns.length > 0)
    sheet.autoFilter = {
      from: { row: headers.length, column: 1 },
      to: { row: headers.length, column: columns.length },
    };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
