import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jsonResponse, renderPage } from './growthTesting';
import VerifyCredential from './VerifyCredential';
import VerifyEvidence from './VerifyEvidence';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

const EVIDENCE = {
  code: 'K75B82G6KF',
  valid: true,
  member: { displayName: 'ครูสมใจ ใฝ่เรียนรู้', school: 'โรงเรียนสาธิตกระบี่ 1' },
  fiscalYear: { year: 2570, th: 'ปีงบประมาณ 2570', en: 'Fiscal year 2570 BE (Oct 2026 – Sep 2027)' },
  issuedAt: '2026-12-07T07:51:00Z',
  sha256: 'bc160646de1c5244d578074798d68be4fff0572da18418b18c00c7c0c16e4992',
  totals: {
    innovationsPublished: 3,
    adoptions: 5,
    adoptingSchools: 3,
    endorsements: 1,
    feedbackGiven: 33,
    pointsEarned: 1471,
    badges: 4,
  },
};

describe('/verify/evidence/:code, the page the QR code of an evidence PDF opens', () => {
  it('says the platform issued it, of whom, for which fiscal year, when (Buddhist Era, Bangkok) and its SHA-256', async () => {
    fakeApi({ 'GET /api/v1/evidence/K75B82G6KF': () => jsonResponse(EVIDENCE) }, null);
    renderPage('/verify/evidence/:code', '/verify/evidence/K75B82G6KF', <VerifyEvidence />);

    const result = await screen.findByTestId('evidence-result');
    expect(within(result).getByText('เอกสารนี้ออกโดยชุมชนนวัตกรรมการเรียนรู้ สพฐ.')).toBeVisible();
    expect(within(result).getByText('ครูสมใจ ใฝ่เรียนรู้')).toBeVisible();
    expect(within(result).getByText('โรงเรียนสาธิตกระบี่ 1')).toBeVisible();
    expect(within(result).getByText('2570')).toBeVisible();
    expect(within(result).getByText('7 ธ.ค. 2569 14:51')).toBeVisible();
    expect(within(result).getByText('1,471')).toBeVisible();
    expect(within(result).getByText(EVIDENCE.sha256)).toBeVisible();
  });

  it('says clearly that an unknown code was not issued by the platform, in English too', async () => {
    fakeApi(
      {
        'GET /api/v1/evidence/ZZZZ2222ZZ': () =>
          jsonResponse({ status: 404, code: 'RECOGNITION_EVIDENCE_NOT_FOUND', title: 'Not found' }, 404),
      },
      null,
    );
    renderPage('/verify/evidence/:code', '/verify/evidence/ZZZZ2222ZZ', <VerifyEvidence />, 'en');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not issued by the platform');
    expect(alert).toHaveTextContent('it was not issued by the platform, or the code was mistyped');
  });

  it('checks a typed code (upper-cased) from the form', async () => {
    const user = userEvent.setup();
    const calls = fakeApi({ 'GET /api/v1/evidence/K75B82G6KF': () => jsonResponse(EVIDENCE) }, null);
    renderPage('/verify/evidence/:code?', '/verify/evidence', <VerifyEvidence />);
    await user.type(screen.getByLabelText('รหัสเอกสาร'), ' k75b82g6kf ');
    await user.click(screen.getByRole('button', { name: 'ตรวจสอบ' }));
    expect(await screen.findByTestId('evidence-result')).toHaveTextContent('ครูสมใจ ใฝ่เรียนรู้');
    expect(calls.some((call) => call.url === '/api/v1/evidence/K75B82G6KF')).toBe(true);
  });
});

const CREDENTIAL = {
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { name: 'ชุมชนนวัตกรรมการเรียนรู้ สพฐ. / OBEC Learning Community' },
  awardedDate: '2026-12-07T07:45:00Z',
  name: 'นวัตกรรมชิ้นแรก / First innovation',
  credentialSubject: {
    name: 'ครูสมใจ ใฝ่เรียนรู้',
    achievement: { name: 'นวัตกรรมชิ้นแรก / First innovation', image: { id: '/badge.svg' } },
  },
  proof: { proofValue: 'z123' },
};

function checks(statusOk: boolean) {
  return {
    verified: statusOk,
    checks: [
      { check: 'shape', ok: true, th: 'รูปแบบ OpenBadgeCredential', en: 'An Open Badges 3.0 badge' },
      { check: 'proof', ok: true, th: 'ลายเซ็นถูกต้อง', en: 'The signature holds: nothing was changed' },
      { check: 'issuer', ok: true, th: 'ออกโดยแพลตฟอร์มนี้', en: 'Issued by this platform' },
      statusOk
        ? { check: 'status', ok: true, th: 'ยังไม่ถูกเพิกถอน', en: 'Not revoked' }
        : { check: 'status', ok: false, th: 'ถูกเพิกถอนแล้ว', en: 'Revoked' },
      { check: 'expiry', ok: true, th: 'ยังอยู่ในช่วงที่ใช้ได้', en: 'Within its validity period' },
    ],
  };
}

describe('/verify/credential/:id, anyone checks a badge', () => {
  it('posts the credential it fetched to verify and shows each check, the badge, recipient and issuer', async () => {
    const calls = fakeApi(
      {
        'GET /api/v1/credentials/cred-1': () => jsonResponse(CREDENTIAL),
        'POST /api/v1/credentials/verify': () => jsonResponse(checks(true)),
      },
      null,
    );
    renderPage('/verify/credential/:id', '/verify/credential/cred-1', <VerifyCredential />);

    expect(await screen.findByText('ยืนยันแล้ว: เหรียญตรานี้ออกโดยแพลตฟอร์มและไม่ถูกแก้ไข')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'นวัตกรรมชิ้นแรก / First innovation' })).toBeVisible();
    expect(screen.getByText('ครูสมใจ ใฝ่เรียนรู้')).toBeVisible();
    expect(screen.getByText('ชุมชนนวัตกรรมการเรียนรู้ สพฐ. / OBEC Learning Community')).toBeVisible();
    const list = screen.getByTestId('credential-checks');
    expect(within(list).getByText('ลายเซ็นดิจิทัล: ผ่าน')).toBeVisible();
    expect(within(list).getByText('ลายเซ็นถูกต้อง')).toBeVisible();
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    const verify = calls.find((call) => call.url === '/api/v1/credentials/verify');
    expect(verify?.body).toEqual({ credential: CREDENTIAL });
  });

  it('says first and clearly that a revoked badge is revoked (English)', async () => {
    fakeApi(
      {
        'GET /api/v1/credentials/cred-1': () => jsonResponse(CREDENTIAL),
        'POST /api/v1/credentials/verify': () => jsonResponse(checks(false)),
      },
      null,
    );
    renderPage('/verify/credential/:id', '/verify/credential/cred-1', <VerifyCredential />, 'en');
    expect(await screen.findByRole('alert')).toHaveTextContent('This badge has been revoked.');
    expect(screen.getByText('Status: Failed')).toBeVisible();
    expect(screen.queryByText(/^Verified/)).toBeNull();
  });

  it('says an unknown credential is not on the platform', async () => {
    fakeApi({}, null);
    renderPage('/verify/credential/:id', '/verify/credential/nope', <VerifyCredential />);
    expect(await screen.findByRole('alert')).toHaveTextContent('ไม่พบเหรียญตรานี้บนแพลตฟอร์ม');
  });
});
