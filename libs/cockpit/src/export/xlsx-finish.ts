import type { TabularColumn, TabularRow } from './tabular';

/**
 * What tabular.ts's one format per column cannot say: a number format per cell (the summary's column of values
 * holds people, averages and shares), and a second sheet saying what the table is (scope, period, when made).
 */

export interface AboutLine {
  th: string;
  en: string;
  value: string;
}

export const ABOUT_SHEET = 'เกี่ยวกับข้อมูล (About)';

export async function finishXlsx(
  xlsx: Buffer,
  table: {
    columns: TabularColumn[];
    rows: TabularRow[];
    headerRows: number;
    cellFormats?: (row: TabularRow, column: TabularColumn) => string | undefined;
  },
  about: AboutLine[],
): Promise<Buffer> {
  // exceljs is loaded on the first XLSX: most processes never write one.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  if (table.cellFormats)
    table.rows.forEach((row, rowIndex) => {
      const sheetRow = sheet.getRow(table.headerRows + rowIndex + 1);
      table.columns.forEach((column, columnIndex) => {
        const format = table.cellFormats!(row, column);
        const cell = sheetRow.getCell(columnIndex + 1);
        if (format && typeof cell.value === 'number') cell.numFmt = format;
      });
    });

  const info = workbook.addWorksheet(ABOUT_SHEET);
  const header = info.addRow(['หัวข้อ', 'Item', 'รายละเอียด / Details']);
  header.font = { bold: true };
  for (const line of about) info.addRow([line.th, line.en, line.value]);
  info.getColumn(1).width = 24;
  info.getColumn(2).width = 20;
  info.getColumn(3).width = 80;
  info.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
