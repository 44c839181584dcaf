import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityPlanResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import PlanPage from './PlanPage';
import { authAs, FakeRequest, fakeApi, json, plan, PLAN, report, Sent } from './parts/testing';

vi.setConfig({ testTimeout: 60_000 });

const auth = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../../auth/AuthProvider', () => ({ useAuth: () => auth.current }));

let current: ActivityPlanResponse;
let reportAnswer: ((sent: Sent) => Response) | null;
let api: ReturnType<typeof fakeApi>;

beforeEach(() => {
  auth.current = authAs('area');
  current = plan();
  reportAnswer = null;
  FakeRequest.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  api = fakeApi({
    [`GET /api/v1/activity-plans/${PLAN}`]: () => json(current),
    [`GET /api/v1/activity-plans/${PLAN}/report/revisions`]: () =>
      json({ items: current.report ? [current.report] : [], nextCursor: null }),
    [`POST /api/v1/activity-plans/${PLAN}/report`]: (sent) => {
      if (reportAnswer) return reportAnswer(sent);
      const body = sent.body as {
        participants: ReturnType<typeof report>['participants'];
        budgetSpent: string;
      };
      const revision = (current.report?.revision ?? 0) + 1;
      const { educationExecutives, supervisors, schoolDirectors, teachers } = body.participants;
      const total = educationExecutives + supervisors + schoolDirectors + teachers;
      current = {
        ...current,
        status: 'reported',
        report: {
          ...report(revision, teachers, body.budgetSpent),
          ...(sent.body as object),
          participants: { ...body.participants, total },
          revision,
        },
      };
      return json(current);
    },
  });
  vi.stubGlobal('fetch', vi.fn(api.fetch));
});
afterEach(() => vi.unstubAllGlobals());

function renderPage(language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <Routes>
      <Route path="/cockpit/plans/:id" element={<PlanPage />} />
    </Routes>,
    { route: `/cockpit/plans/${PLAN}`, language },
  );
}

const reports = () => api.sent.filter((sent) => sent.method === 'POST' && sent.path.endsWith('/report'));

describe('PlanPage: attendance on the platform', () => {
  it("shows how many attended the plan's events on the platform", async () => {
    current = plan({
      attended: { educationExecutives: 1, supervisors: 2, schoolDirectors: 3, teachers: 40, total: 46 },
    });
    renderPage('en');
    expect(await screen.findByText('Attended its events on the platform')).toBeInTheDocument();
    expect(screen.getByTestId('plan-attended')).toHaveTextContent('46');
  });
});

describe('PlanPage: the report', () => {
  it('reports the actuals with the money as exact text, then shows them against the targets', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    expect(await screen.findByRole('heading', { name: current.title })).toBeInTheDocument();
    expect(screen.getByTestId('plan-budget')).toHaveTextContent('497,000.00 บาท');
    // Each actual shows its target.
    expect(screen.getByText('เป้าหมาย 600 คน')).toBeInTheDocument();

    await user.type(screen.getByTestId('report-actual-educationExecutives'), '15');
    await user.type(screen.getByTestId('report-actual-supervisors'), '25');
    await user.type(screen.getByTestId('report-actual-schoolDirectors'), '120');
    await user.type(screen.getByTestId('report-actual-teachers'), '316');
    await user.type(screen.getByTestId('report-visits'), '42');
    await user.type(screen.getByTestId('report-budget'), '476000.5');
    await user.type(screen.getByRole('textbox', { name: /ผลเชิงคุณภาพ/ }), '  ครูได้แลกเปลี่ยนเรียนรู้ครบทุกกลุ่มสาระ  ');
    expect(screen.getByTestId('report-actual-total')).toHaveTextContent('476 คน');
    await user.click(screen.getByRole('button', { name: 'ส่งรายงานผล' }));

    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0]!.body).toEqual({
      participants: { educationExecutives: 15, supervisors: 25, schoolDirectors: 120, teachers: 316 },
      supervisionVisits: 42,
      budgetSpent: '476000.50',
      notes: 'ครูได้แลกเปลี่ยนเรียนรู้ครบทุกกลุ่มสาระ',
      expectedRevision: 0,
    });
    expect(await screen.findByTestId('plan-actual-total')).toHaveTextContent('476');
    expect(screen.getByTestId('plan-budget-spent')).toHaveTextContent('476,000.50 บาท');
    expect(screen.getByText('รายงานผลแล้ว')).toBeInTheDocument();
  });

  it('refuses a count left empty or a negative amount before sending', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.type(await screen.findByTestId('report-budget'), '-5');
    await user.click(screen.getByRole('button', { name: 'ส่งรายงานผล' }));
    expect(await screen.findAllByText('กรุณาระบุจำนวน (ใส่ 0 หากไม่มี)')).toHaveLength(5);
    expect(screen.getByText(/จำนวนเงินไม่ถูกต้อง/)).toBeInTheDocument();
    expect(reports()).toHaveLength(0);
  });

  it('says clearly when someone else reported meanwhile, and reloads the latest report to correct it', async () => {
    current = plan({ status: 'reported', report: report(1, 316) });
    reportAnswer = () =>
      json(
        {
          status: 409,
          code: 'ACTIVITY_REPORT_STALE',
          title: 'รายงานผลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดข้อมูลล่าสุดก่อนแก้ไข',
          currentRevision: 2,
        },
        409,
      );
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'แก้ไขรายงาน' }));
    const teachers = screen.getByTestId('report-actual-teachers');
    expect(teachers).toHaveValue('316');
    await user.clear(teachers);
    await user.type(teachers, '340');
    // Meanwhile another admin of the area corrects the report.
    current = { ...current, report: report(2, 400, '480000.00') };
    await user.click(screen.getByRole('button', { name: 'ส่งรายงานที่แก้ไข' }));

    const stale = await screen.findByTestId('report-stale');
    expect(within(stale).getByText('มีผู้รายงานผลแผนนี้ก่อนคุณ')).toBeInTheDocument();
    expect(within(stale).getByText(/รายงานของคุณยังไม่ถูกบันทึก/)).toBeInTheDocument();
    expect(reports()[0]!.body).toMatchObject({ expectedRevision: 1, participants: { teachers: 340 } });

    reportAnswer = null;
    await user.click(within(stale).getByRole('button', { name: 'โหลดรายงานล่าสุด' }));
    expect(await screen.findByTestId('report-reloaded')).toHaveTextContent('ครั้งที่ 2');
    expect(screen.queryByTestId('report-stale')).not.toBeInTheDocument();
    expect(screen.getByTestId('report-actual-teachers')).toHaveValue('400');
    expect(screen.getByTestId('report-budget')).toHaveValue('480,000.00');

    await user.click(screen.getByRole('button', { name: 'ส่งรายงานที่แก้ไข' }));
    await waitFor(() => expect(reports()).toHaveLength(2));
    expect(reports()[1]!.body).toMatchObject({ expectedRevision: 2, budgetSpent: '480000.00' });
    expect(await screen.findByText(/รายงานครั้งที่ 3/)).toBeInTheDocument();
  });

  it('reads in English', async () => {
    current = plan({ status: 'reported', report: report(1, 316) });
    renderPage('en');
    expect(await screen.findByRole('heading', { name: current.titleEn! })).toBeInTheDocument();
    expect(screen.getByText('Fiscal year 2570 BE')).toBeInTheDocument();
    expect(screen.getByText('1 Aug 2027 – 30 Sept 2027')).toBeInTheDocument();
    expect(screen.getByTestId('plan-budget')).toHaveTextContent('฿497,000.00');
    expect(screen.getByTestId('plan-budget-spent')).toHaveTextContent('฿476,000.50');
    const results = screen.getByTestId('plan-results');
    expect(within(results).getByRole('rowheader', { name: 'School directors' })).toBeInTheDocument();
    expect(within(results).getByRole('columnheader', { name: 'Actual' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Correct the report' })).toBeInTheDocument();
    expect(screen.getByText('Report history (1 report)')).toBeInTheDocument();
  });
});

describe('PlanPage: evidence', () => {
  it('uploads a file with its progress, lists it, and removes it after asking', async () => {
    const user = userEvent.setup({ delay: null });
    api = fakeApi({
      [`GET /api/v1/activity-plans/${PLAN}`]: () => json(current),
      [`DELETE /api/v1/activity-plans/${PLAN}/evidence/ev-1`]: () => new Response(null, { status: 204 }),
    });
    vi.stubGlobal('fetch', vi.fn(api.fetch));
    renderPage();
    expect(await screen.findByText('ยังไม่มีไฟล์หลักฐาน')).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('evidence-input'), {
      target: { files: [new File(['%PDF-1.4'], 'ใบลงทะเบียน.pdf', { type: 'application/pdf' })] },
    });
    await waitFor(() => expect(FakeRequest.all).toHaveLength(1));
    const upload = FakeRequest.all[0]!;
    expect(upload.url).toBe(`/api/v1/activity-plans/${PLAN}/evidence`);
    expect((upload.body?.get('file') as File).name).toBe('ใบลงทะเบียน.pdf');
    upload.progress(0.4);
    expect(screen.getByRole('progressbar', { name: 'ความคืบหน้าการอัปโหลด ใบลงทะเบียน.pdf' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    upload.answer(201, {
      id: 'ev-1',
      fileName: 'ใบลงทะเบียน.pdf',
      contentType: 'application/pdf',
      sizeBytes: 2_500_000,
      uploadedAt: '2026-12-01T07:30:00.000Z',
      url: `/api/v1/activity-plans/${PLAN}/evidence/ev-1`,
    });
    const item = await screen.findByTestId('evidence-item');
    expect(within(item).getByText('ใบลงทะเบียน.pdf')).toBeInTheDocument();
    expect(within(item).getByText(/2\.4 MB/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: 'ลบ ใบลงทะเบียน.pdf' }));
    const dialog = await screen.findByRole('dialog', { name: 'ลบไฟล์หลักฐาน?' });
    await user.click(within(dialog).getByRole('button', { name: 'ลบไฟล์' }));
    await waitFor(() => expect(screen.queryByTestId('evidence-item')).not.toBeInTheDocument());
    expect(api.sent.some((sent) => sent.method === 'DELETE')).toBe(true);
  });

  it('refuses a file over 10 MB without sending it, and shows what the API refused', async () => {
    renderPage();
    await screen.findByText('ยังไม่มีไฟล์หลักฐาน');
    fireEvent.change(screen.getByTestId('evidence-input'), {
      target: {
        files: [
          new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'รูปใหญ่.jpg', { type: 'image/jpeg' }),
          new File(['x'], 'บันทึก.png', { type: 'image/png' }),
        ],
      },
    });
    expect(await screen.findByText('ไฟล์ใหญ่เกิน 10 MB')).toBeInTheDocument();
    await waitFor(() => expect(FakeRequest.all).toHaveLength(1));
    FakeRequest.all[0]!.answer(415, {
      status: 415,
      code: 'ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE',
      title: 'หลักฐานต้องเป็นไฟล์ PDF, JPEG หรือ PNG (ตรวจจากเนื้อหาไฟล์)',
    });
    expect(
      await screen.findByText('หลักฐานต้องเป็นไฟล์ PDF, JPEG หรือ PNG (ตรวจจากเนื้อหาไฟล์)'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('evidence-upload-error')).toHaveLength(2);
  });
});
