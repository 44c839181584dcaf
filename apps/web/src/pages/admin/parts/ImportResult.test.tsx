import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ImportResult } from './ImportResult';
import { ImportsPanel } from './ImportsPanel';

function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? ''),
    );
}

describe('ImportResult', () => {
  it('lists every refused line with its line number, in file order', () => {
    renderWithProviders(
      <ImportResult
        outcome={{
          kind: 'refused',
          errors: [
            { line: 7, key: '810000001', reason: 'unknown province_code "99"' },
            { line: 2, key: '12', reason: 'code must be 6 to 12 digits' },
            { line: 4, reason: 'name_th is required' },
          ],
        }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('ยังไม่ได้นำเข้าข้อมูลใด');
    expect(screen.getByRole('alert')).toHaveTextContent('3 แถว');
    expect(rowsOf(screen.getByTestId('import-errors'))).toEqual([
      ['2', '12', 'code must be 6 to 12 digits'],
      ['4', '–', 'name_th is required'],
      ['7', '810000001', 'unknown province_code "99"'],
    ]);
  }, 30_000);

  it('shows the counts of an import that skipped lines, and the skipped lines', () => {
    renderWithProviders(
      <ImportResult
        outcome={{
          kind: 'done',
          report: {
            received: 1250,
            created: 1200,
            updated: 49,
            skipped: 1,
            errors: [{ line: 18, key: 'P99', reason: 'unknown province "ดาวอังคาร"' }],
          },
        }}
      />,
      { language: 'en' },
    );
    expect(screen.getByText('Imported, with some lines skipped')).toBeInTheDocument();
    expect(screen.getByText('1,250')).toBeInTheDocument();
    expect(screen.getByText('1,200')).toBeInTheDocument();
    expect(rowsOf(screen.getByTestId('import-errors'))).toEqual([
      ['18', 'P99', 'unknown province "ดาวอังคาร"'],
    ]);
  }, 30_000);

  it('has no error table when every line was imported', () => {
    renderWithProviders(
      <ImportResult
        outcome={{ kind: 'done', report: { received: 3, created: 3, updated: 0, skipped: 0, errors: [] } }}
      />,
    );
    expect(screen.getByText('นำเข้าเรียบร้อย')).toBeInTheDocument();
    expect(screen.queryByTestId('import-errors')).not.toBeInTheDocument();
  }, 30_000);
});

describe('ImportsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the file as text/csv and lists the lines the API refused', async () => {
    const user = userEvent.setup();
    const requests: { url: string; type: string | null; body: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        requests.push({ url, type: new Headers(init.headers).get('content-type'), body: String(init.body) });
        return new Response(
          JSON.stringify({
            type: 'https://learning-community.obec.go.th/problems/identity-import-has-errors',
            title: 'ไฟล์นำเข้ามีข้อผิดพลาด จึงยังไม่ได้นำเข้าข้อมูลใด',
            status: 422,
            code: 'IDENTITY_IMPORT_HAS_ERRORS',
            errors: [
              { line: 3, key: '810000001', reason: 'unknown province_code "99"' },
              { line: 2, key: '12', reason: 'code must be 6 to 12 digits' },
            ],
          }),
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        );
      }),
    );
    const csv = 'code,name_th,province_code,area_code\n12,bad,81,P81\n810000001,โรงเรียนทดสอบ,99,P81\n';
    const { container } = renderWithProviders(<ImportsPanel />);

    await user.click(screen.getByTestId('import-submit'));
    expect(await screen.findByText('กรุณาเลือกไฟล์')).toBeInTheDocument();
    expect(requests).toHaveLength(0);

    await user.upload(
      container.querySelector('input[type="file"]') as HTMLInputElement,
      new File([csv], 'schools.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByTestId('import-submit'));

    const table = await screen.findByTestId('import-errors');
    expect(rowsOf(table).map((row) => row[0])).toEqual(['2', '3']);
    expect(requests).toEqual([{ url: '/api/v1/admin/imports/schools', type: 'text/csv', body: csv }]);
  }, 30_000);

  it('asks the API to skip bad lines when the admin says so, and shows the summary', async () => {
    const user = userEvent.setup();
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(
          JSON.stringify({
            received: 2,
            created: 1,
            updated: 0,
            skipped: 1,
            errors: [{ line: 3, key: 'x', reason: 'level must be primary or secondary' }],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    const { container } = renderWithProviders(<ImportsPanel />);
    await user.click(screen.getByRole('radio', { name: 'เขตพื้นที่' }));
    await user.upload(
      container.querySelector('input[type="file"]') as HTMLInputElement,
      new File(['level,name_th,province_th\n'], 'areas.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByLabelText('ข้ามแถวที่ผิดแล้วนำเข้าแถวที่เหลือ'));
    await user.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.getByText('นำเข้าแล้ว แต่ข้ามบางแถว')).toBeInTheDocument());
    expect(urls).toEqual(['/api/v1/admin/imports/areas?skipInvalid=true']);
    expect(rowsOf(screen.getByTestId('import-errors'))).toEqual([
      ['3', 'x', 'level must be primary or secondary'],
    ]);
  }, 30_000);
});
