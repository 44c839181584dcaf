import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT, fakeApi, jsonResponse, renderPage } from './activitiesTesting';
import MyCertificates from './MyCertificates';
import VerifyCertificate from './VerifyCertificate';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

const EVENT_SUMMARY = {
  id: EVENT,
  title: 'Active Learning ในห้องเรียนคณิตศาสตร์',
  kind: 'learning_talk',
  startsAt: '2026-12-07T02:00:00Z',
  endsAt: '2026-12-07T09:00:00Z',
};
const CERTIFICATES = [
  {
    id: 'c1',
    number: 'LC-2569-000123',
    code: 'CERT7K2M9Q',
    event: EVENT_SUMMARY,
    issuedAt: '2026-12-14T09:05:00Z',
    revoked: false,
    revokedAt: null,
    downloadUrl: '/api/v1/certificates/c1/pdf',
    verifyUrl: 'https://lc.example/verify/certificate/CERT7K2M9Q',
  },
  {
    id: 'c0',
    number: 'LC-2569-000045',
    code: 'CERTOLD111',
    event: { ...EVENT_SUMMARY, id: 'e0', title: 'ฟอรัมวิชาการออนไลน์ระดับชาติ' },
    issuedAt: '2026-11-20T09:05:00Z',
    revoked: true,
    revokedAt: '2026-11-25T03:00:00Z',
    downloadUrl: '/api/v1/certificates/c0/pdf',
    verifyUrl: 'https://lc.example/verify/certificate/CERTOLD111',
  },
];

describe('/me/certificates', () => {
  it('lists my certificates with the event, Buddhist Era dates, number, download, verification and the revoked ones', async () => {
    fakeApi({ 'GET /api/v1/me/certificates': () => jsonResponse(CERTIFICATES) });
    renderPage('/me/certificates', '/me/certificates', <MyCertificates />);
    const cards = await screen.findAllByTestId('certificate');
    expect(cards).toHaveLength(2);
    const valid = within(cards[0]);
    expect(valid.getByText('Active Learning ในห้องเรียนคณิตศาสตร์')).toBeVisible();
    expect(valid.getByText('7 ธ.ค. 2569 09:00–16:00')).toBeVisible();
    expect(cards[0]).toHaveTextContent('เลขที่ LC-2569-000123 · ออกเมื่อ 14 ธ.ค. 2569');
    expect(valid.getByRole('button', { name: 'ดาวน์โหลด PDF' })).toBeEnabled();
    expect(valid.getByRole('link', { name: 'หน้าตรวจสอบ' })).toHaveAttribute(
      'href',
      '/verify/certificate/CERT7K2M9Q',
    );
    const revoked = within(cards[1]);
    expect(revoked.getByText('ถูกเพิกถอน')).toBeVisible();
    expect(revoked.getByText('เพิกถอนเมื่อ 25 พ.ย. 2569')).toBeVisible();
    expect(revoked.queryByRole('button', { name: 'ดาวน์โหลด PDF' })).toBeNull();
  });

  it('downloads the PDF with the member’s session', async () => {
    const user = userEvent.setup();
    const calls = fakeApi({
      'GET /api/v1/me/certificates': () => jsonResponse(CERTIFICATES.slice(0, 1)),
      'GET /api/v1/certificates/c1/pdf': () =>
        new Response('%PDF-1.7', { status: 200, headers: { 'content-type': 'application/pdf' } }),
    });
    const created = vi.fn((blob: Blob) => (blob.size > 0 ? 'blob:certificate' : ''));
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPage('/me/certificates', '/me/certificates', <MyCertificates />, 'en');
    await user.click(await screen.findByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(created).toHaveBeenCalled();
    click.mockRestore();
    expect(calls.some((call) => call.url === '/api/v1/certificates/c1/pdf')).toBe(true);
  });

  it('says when there are none yet', async () => {
    fakeApi({ 'GET /api/v1/me/certificates': () => jsonResponse([]) });
    renderPage('/me/certificates', '/me/certificates', <MyCertificates />, 'en');
    expect(await screen.findByText('No certificates yet')).toBeVisible();
  });
});

const VERIFIED = {
  status: 'valid',
  holder: 'ครูสมใจ ใฝ่เรียนรู้',
  event: {
    title: 'Active Learning ในห้องเรียนคณิตศาสตร์',
    kind: 'learning_talk',
    startsAt: '2026-12-07T02:00:00Z',
    endsAt: '2026-12-07T09:00:00Z',
    organiser: { th: 'สพป.กระบี่', en: 'Krabi Primary Educational Service Area' },
  },
  issuedAt: '2026-12-14T09:05:00Z',
  number: 'LC-2569-000123',
};

describe('/verify/certificate/:code, public', () => {
  it('confirms a valid certificate: to whom, which event, organiser, dates and number', async () => {
    fakeApi({ 'GET /api/v1/certificates/verify/CERT7K2M9Q': () => jsonResponse(VERIFIED) }, false);
    renderPage('/verify/certificate/:code', '/verify/certificate/CERT7K2M9Q', <VerifyCertificate />);
    const result = await screen.findByTestId('certificate-result');
    expect(result).toHaveTextContent('ถูกต้อง: ออกโดยชุมชนนวัตกรรมการเรียนรู้ สพฐ.');
    expect(result).toHaveTextContent('ครูสมใจ ใฝ่เรียนรู้');
    expect(result).toHaveTextContent('สพป.กระบี่');
    expect(result).toHaveTextContent('7 ธ.ค. 2569 09:00–16:00');
    expect(result).toHaveTextContent('14 ธ.ค. 2569');
    expect(result).toHaveTextContent('LC-2569-000123');
  });

  it('says a revoked certificate was revoked, in English', async () => {
    fakeApi(
      {
        'GET /api/v1/certificates/verify/CERTOLD111': () =>
          jsonResponse({ ...VERIFIED, status: 'revoked', revokedAt: '2026-11-25T03:00:00Z' }),
      },
      false,
    );
    renderPage('/verify/certificate/:code', '/verify/certificate/CERTOLD111', <VerifyCertificate />, 'en');
    const result = await screen.findByTestId('certificate-result');
    expect(result).toHaveTextContent('This certificate was revoked');
    expect(result).toHaveTextContent('Revoked on 25 Nov 2026');
    expect(result).toHaveTextContent('Krabi Primary Educational Service Area');
    expect(result).not.toHaveTextContent('Valid');
  });

  it('says an unknown code is not a certificate, and checks a typed code', async () => {
    const user = userEvent.setup();
    const calls = fakeApi(
      {
        'GET /api/v1/certificates/verify/NOPE000000': () => jsonResponse({ status: 'unknown' }),
        'GET /api/v1/certificates/verify/CERT7K2M9Q': () => jsonResponse(VERIFIED),
      },
      false,
    );
    renderPage('/verify/certificate/:code?', '/verify/certificate/NOPE000000', <VerifyCertificate />);
    expect(await screen.findByTestId('certificate-unknown')).toHaveTextContent('ไม่พบเกียรติบัตรรหัสนี้');
    const input = screen.getByRole('textbox', { name: /รหัสตรวจสอบ/ });
    await user.clear(input);
    await user.type(input, ' cert7k2m9q ');
    await user.click(screen.getByRole('button', { name: 'ตรวจสอบ' }));
    expect(await screen.findByTestId('certificate-result')).toHaveTextContent('ครูสมใจ ใฝ่เรียนรู้');
    expect(calls.some((call) => call.url === '/api/v1/certificates/verify/CERT7K2M9Q')).toBe(true);
  });
});
