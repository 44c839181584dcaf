import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { parseVoucherCodes } from './voucherCodes';
import { VoucherCodesUpload } from './VoucherCodesUpload';

vi.setConfig({ testTimeout: 60_000 });

describe('parseVoucherCodes', () => {
  it('reads the first column, skips the header and blank lines, and says which lines are wrong', () => {
    const parsed = parseVoucherCodes(
      '\uFEFFcode,note\r\nENG-0001,first\r\n\r\n"ENG-0002","a, b"\r\nab\r\nENG-0001\r\n' +
        'x'.repeat(101) +
        '\r\n',
    );
    expect(parsed.codes).toEqual(['ENG-0001', 'ENG-0002']);
    expect(parsed.lines).toBe(5);
    expect(parsed.errors).toEqual([
      { line: 5, code: 'ab', problem: 'tooShort' },
      { line: 6, code: 'ENG-0001', problem: 'duplicate', firstLine: 2 },
      { line: 7, code: 'x'.repeat(101), problem: 'tooLong' },
    ]);
  });

  it('takes a file without a header', () => {
    expect(parseVoucherCodes('AAA111\nBBB222').codes).toEqual(['AAA111', 'BBB222']);
  });
});

describe('VoucherCodesUpload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the good codes and shows how many were added, skipped, and the lines left out', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        expect(String(input)).toBe('/api/v1/partner/perks/p1/voucher-codes');
        bodies.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify({ received: 3, added: 2, skipped: 1, available: 12 }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const onLoaded = vi.fn();
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithProviders(
      <VoucherCodesUpload perkId="p1" availableCodes={10} onLoaded={onLoaded} />,
    );
    expect(screen.getByText('พร้อมแจก 10 รหัส')).toBeInTheDocument();

    const file = new File(['code\nAAA-001\nAAA-002\nab\nAAA-001\nAAA-003\n'], 'codes.csv', {
      type: 'text/csv',
    });
    await user.upload(container.querySelector<HTMLInputElement>('input[type="file"]')!, file);

    expect(await screen.findByTestId('codes-preview')).toHaveTextContent('อ่านได้ 3 รหัส จาก 5 บรรทัด');
    const errors = screen.getByTestId('codes-errors');
    expect(errors).toHaveTextContent('2 บรรทัดจะไม่ถูกอัปโหลด');
    expect(errors).toHaveTextContent('บรรทัด 4: “ab” สั้นเกินไป');
    expect(errors).toHaveTextContent('บรรทัด 5: “AAA-001” ซ้ำกับบรรทัด 2');

    await user.click(screen.getByRole('button', { name: 'อัปโหลด 3 รหัส' }));

    const result = await screen.findByTestId('codes-result');
    expect(bodies).toEqual([{ codes: ['AAA-001', 'AAA-002', 'AAA-003'] }]);
    expect(result).toHaveTextContent('เพิ่มรหัสใหม่ 2 รหัส');
    expect(result).toHaveTextContent('ข้าม 1 รหัส เพราะมีอยู่ในคลังแล้ว');
    expect(result).toHaveTextContent('ไม่ได้ส่ง 2 บรรทัดที่มีปัญหา');
    expect(result).toHaveTextContent('ตอนนี้พร้อมแจก 12 รหัส');
    expect(screen.getByText('พร้อมแจก 12 รหัส')).toBeInTheDocument();
    expect(onLoaded).toHaveBeenCalledWith({ received: 3, added: 2, skipped: 1, available: 12 });
  });

  it('shows the API problem when the upload is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ status: 409, detail: 'สิทธิประโยชน์นี้ไม่ได้ใช้รหัสจากคลังรหัส', code: 'PERK_NOT_POOL' }),
            { status: 409, headers: { 'content-type': 'application/problem+json' } },
          ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithProviders(<VoucherCodesUpload perkId="p1" availableCodes={0} />);
    await user.upload(
      container.querySelector<HTMLInputElement>('input[type="file"]')!,
      new File(['AAA-001\n'], 'codes.txt', { type: 'text/plain' }),
    );
    await user.click(await screen.findByRole('button', { name: 'อัปโหลด 1 รหัส' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('สิทธิประโยชน์นี้ไม่ได้ใช้รหัสจากคลังรหัส');
    expect(screen.queryByTestId('codes-result')).not.toBeInTheDocument();
  });
});
