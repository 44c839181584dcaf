import { saveBlob } from '../../../api/files';
import { marketplaceControllerExportCsv } from '../../../api/generated/marketplace/marketplace';

/** The file name of today's export, in Bangkok time: redemptions-2026-12-07.csv. */
export function exportFileName(now: Date = new Date()): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now);
  return `redemptions-${day}.csv`;
}

/**
 * Fetches the partner's redemptions as CSV with the bearer token (a plain link would carry none) and saves it as a
 * file. The byte-order mark is put back (fetch's text() drops it) so spreadsheet programs read the Thai correctly.
 */
export async function downloadRedemptionsCsv(): Promise<void> {
  const response = await marketplaceControllerExportCsv();
  const text = typeof response.data === 'string' ? response.data : '';
  saveBlob(
    new Blob([`\uFEFF${text.replace(/^\uFEFF/, '')}`], { type: 'text/csv;charset=utf-8' }),
    exportFileName(),
  );
}
