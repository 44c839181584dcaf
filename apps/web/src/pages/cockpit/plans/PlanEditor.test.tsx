import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import PlanEditor from './PlanEditor';
import { AREA, authAs, fakeApi, json, plan, SCHOOL, Sent } from './parts/testing';

vi.setConfig({ testTimeout: 60_000 });

const auth = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../../auth/AuthProvider', () => ({ useAuth: () => auth.current }));

let api: ReturnType<typeof fakeApi>;
let createAnswer: (sent: Sent) => Response;

beforeEach(() => {
  auth.current = authAs('area');
  createAnswer = (sent) => json({ ...plan(), ...(sent.body as object), budget: '497000.50' }, 201);
  api = fakeApi({ [`POST /api/v1/areas/${AREA}/activity-plans`]: (sent) => createAnswer(sent) });
  vi.stubGlobal('fetch', vi.fn(api.fetch));
});
afterEach(() => vi.unstubAllGlobals());

const posts = () => api.sent.filter((sent) => sent.method === 'POST');

function setDate(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function fillValidPlan(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: /ชื่อกิจกรรม \(ภาษาไทย\)/ }), '  แลกเปลี่ยนเรียนรู้ AL  ');
  setDate(/วันเริ่ม/, '2027-08-01');
  setDate(/วันสิ้นสุด/, '2027-09-30');
  await user.type(screen.getByTestId('plan-target-educationExecutives'), '20');
  await user.type(screen.getByTestId('plan-target-supervisors'), '30');
  await user.type(screen.getByTestId('plan-target-schoolDirectors'), '150');
  await user.type(screen.getByTestId('plan-target-teachers'), '600');
  await user.type(screen.getByTestId('plan-budget'), '497,000.5');
}

describe('PlanEditor: a new plan', () => {
  it('names what is missing and sends nothing', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlanEditor />, { route: `/cockpit/plans/new?fy=2570&area=${AREA}` });

    await user.click(await screen.findByRole('button', { name: 'บันทึกแผนกิจกรรม' }));
    expect(await screen.findByText('กรุณาระบุชื่อกิจกรรม')).toBeInTheDocument();
    expect(screen.getAllByText('กรุณาระบุวันที่')).toHaveLength(2);
    expect(screen.getAllByText('กรุณาระบุจำนวน (ใส่ 0 หากไม่มี)')).toHaveLength(4);
    expect(screen.getByText('กรุณาระบุจำนวนเงิน (ใส่ 0 หากไม่มี)')).toBeInTheDocument();
    // The first wrong field has the focus.
    await waitFor(() => expect(screen.getByRole('textbox', { name: /ชื่อกิจกรรม \(ภาษาไทย\)/ })).toHaveFocus());
    expect(posts()).toHaveLength(0);
  });

  it('keeps the dates in the fiscal year and in order, money to two satang, and asks for the school', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlanEditor />, { route: `/cockpit/plans/new?fy=2570&area=${AREA}` });
    await screen.findByRole('button', { name: 'บันทึกแผนกิจกรรม' });
    await fillValidPlan(user);
    // ปีงบประมาณ 2570 ends on 30 September 2027 (Gregorian).
    setDate(/วันเริ่ม/, '2027-09-30');
    setDate(/วันสิ้นสุด/, '2027-10-01');
    const budget = screen.getByTestId('plan-budget');
    await user.clear(budget);
    await user.type(budget, '1000.505');
    await user.click(screen.getByRole('radio', { name: 'ระดับสถานศึกษา' }));
    await user.click(screen.getByRole('button', { name: 'บันทึกแผนกิจกรรม' }));

    expect(await screen.findByText('ต้องอยู่ในปีงบประมาณที่เลือก (1 ต.ค. – 30 ก.ย.)')).toBeInTheDocument();
    expect(screen.getByText(/จำนวนเงินไม่ถูกต้อง/)).toBeInTheDocument();
    expect(screen.getByText('กิจกรรมระดับสถานศึกษาต้องระบุโรงเรียน')).toBeInTheDocument();

    setDate(/วันสิ้นสุด/, '2027-09-01');
    expect(await screen.findByText('วันสิ้นสุดต้องไม่ก่อนวันเริ่ม')).toBeInTheDocument();
    expect(posts()).toHaveLength(0);
  });

  it('sends the plan with the money as exact text and the school of the area', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlanEditor />, { route: `/cockpit/plans/new?fy=2570&area=${AREA}` });
    await screen.findByRole('button', { name: 'บันทึกแผนกิจกรรม' });
    await fillValidPlan(user);
    // Written back with separators once the field is left.
    await user.click(screen.getByRole('radio', { name: 'ระดับสถานศึกษา' }));
    expect(screen.getByTestId('plan-budget')).toHaveValue('497,000.50');
    expect(screen.getByTestId('plan-target-total')).toHaveTextContent('เป้าหมายรวม: 800 คน');

    await user.click(screen.getByRole('combobox', { name: /โรงเรียน/ }));
    await user.click(await screen.findByRole('option', { name: 'โรงเรียนบ้านคลองม่วง' }));
    await user.click(screen.getByRole('button', { name: 'บันทึกแผนกิจกรรม' }));

    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]!.path).toBe(`/api/v1/areas/${AREA}/activity-plans`);
    expect(posts()[0]!.body).toEqual({
      fiscalYear: 2570,
      title: 'แลกเปลี่ยนเรียนรู้ AL',
      titleEn: null,
      level: 'school',
      schoolId: SCHOOL,
      startsOn: '2027-08-01',
      endsOn: '2027-09-30',
      targets: { educationExecutives: 20, supervisors: 30, schoolDirectors: 150, teachers: 600 },
      budget: '497000.50',
    });
  });

  it("shows the API's problem and keeps what was typed", async () => {
    createAnswer = () =>
      json(
        {
          status: 400,
          code: 'ACTIVITY_PLAN_SCHOOL_NOT_IN_AREA',
          title: 'โรงเรียนที่ระบุไม่อยู่ในเขตพื้นที่การศึกษานี้',
        },
        400,
      );
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlanEditor />, { route: `/cockpit/plans/new?fy=2570&area=${AREA}` });
    await screen.findByRole('button', { name: 'บันทึกแผนกิจกรรม' });
    await fillValidPlan(user);
    await user.click(screen.getByRole('button', { name: 'บันทึกแผนกิจกรรม' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('โรงเรียนที่ระบุไม่อยู่ในเขตพื้นที่การศึกษานี้')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /ชื่อกิจกรรม \(ภาษาไทย\)/ })).toHaveValue('  แลกเปลี่ยนเรียนรู้ AL  ');
  });

  it('reads in English', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlanEditor />, { route: `/cockpit/plans/new?fy=2570&area=${AREA}`, language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Add a plan' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /Fiscal year/ })).toHaveValue('Fiscal year 2570 BE');
    expect(screen.getByText('1 Oct 2026 to 30 Sept 2027')).toBeInTheDocument();
    for (const role of ['Education executives', 'Supervisors', 'School directors', 'Teachers'])
      expect(screen.getByRole('textbox', { name: new RegExp(role) })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect(await screen.findByText('Please give the activity a title')).toBeInTheDocument();
  });
});

describe('PlanEditor: changing a plan', () => {
  it('loads the plan and sends the whole plan again', async () => {
    api = fakeApi({
      [`GET /api/v1/activity-plans/${plan().id}`]: () => json(plan()),
      [`PATCH /api/v1/activity-plans/${plan().id}`]: (sent) => json({ ...plan(), ...(sent.body as object) }),
    });
    vi.stubGlobal('fetch', vi.fn(api.fetch));
    const user = userEvent.setup({ delay: null });
    // The editor reads its id from the route.
    renderWithProviders(
      <Routes>
        <Route path="/cockpit/plans/:id/edit" element={<PlanEditor />} />
      </Routes>,
      { route: `/cockpit/plans/${plan().id}/edit` },
    );
    const budget = await screen.findByTestId('plan-budget');
    expect(budget).toHaveValue('497,000.00');
    await user.clear(budget);
    await user.type(budget, '450000');
    await user.click(screen.getByRole('button', { name: 'บันทึกการแก้ไข' }));
    await waitFor(() => expect(api.sent.some((sent) => sent.method === 'PATCH')).toBe(true));
    const patch = api.sent.find((sent) => sent.method === 'PATCH')!;
    expect(patch.body).toMatchObject({
      fiscalYear: 2570,
      level: 'area',
      schoolId: null,
      titleEn: 'Active Learning exchange forum, area level',
      budget: '450000.00',
      targets: { educationExecutives: 20, supervisors: 30, schoolDirectors: 150, teachers: 600 },
    });
  });
});
