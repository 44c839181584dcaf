import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { emptyPerkForm, PerkFormValues, toPerkDto, validatePerkForm } from './perkForm';
import { PerkForm } from './PerkForm';

vi.setConfig({ testTimeout: 60_000 });

// jsdom has no document.fonts, which Mantine's autosizing Textarea listens to.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: {
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      ready: Promise.resolve(),
    },
  });
}

const categories = [
  { value: 'voucher', label: 'บัตรกำนัล' },
  { value: 'training', label: 'หลักสูตรฝึกอบรม' },
];
const memberKinds = [{ value: 'teacher', label: 'ครู' }];
const areas = [{ value: '01a24d32-d3ea-7efe-a7fb-2826e8b65da9', label: 'สพป.กระบี่' }];

const valid: PerkFormValues = {
  ...emptyPerkForm,
  title: 'ส่วนลดหนังสือ 100 บาท',
  description: 'ใช้ได้ที่ร้านหนังสือทุกสาขา',
  category: 'voucher',
  cost: 150,
  stock: 40,
  fulfilment: 'generated_code',
};

function renderForm(initialValues: PerkFormValues = emptyPerkForm) {
  const onSubmit = vi.fn();
  renderWithProviders(
    <PerkForm
      initialValues={initialValues}
      categories={categories}
      memberKinds={memberKinds}
      areas={areas}
      submitting={false}
      submitLabel="บันทึกฉบับร่าง"
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('validatePerkForm', () => {
  it('accepts a complete perk', () => {
    expect(validatePerkForm(valid)).toEqual({});
  });

  it('names every missing required field', () => {
    expect(validatePerkForm(emptyPerkForm)).toEqual({
      title: 'titleRequired',
      description: 'descriptionRequired',
      category: 'categoryRequired',
      cost: 'costRange',
      stock: 'stockRange',
      fulfilment: 'fulfilmentRequired',
    });
  });

  it("keeps to the API's limits", () => {
    const errors = validatePerkForm({
      ...valid,
      cost: 1_000_001,
      stock: 1.5,
      perMemberLimit: 0,
      fulfilment: 'manual',
      fulfilmentHours: 3000,
      validFrom: '2026-12-10',
      validUntil: '2026-12-01',
      images: ['http://example.com/a.jpg', 'https://example.com/b.jpg'],
    });
    expect(errors).toEqual({
      cost: 'costRange',
      stock: 'stockRange',
      perMemberLimit: 'limitRange',
      fulfilmentHours: 'hoursRange',
      validUntil: 'untilBeforeFrom',
      imageAt: { 0: 'imageUrl' },
    });
  });

  it('does not ask for a stock when it is unlimited, nor a limit when there is none', () => {
    expect(
      validatePerkForm({
        ...valid,
        unlimitedStock: true,
        stock: '',
        limitPerMember: false,
        perMemberLimit: '',
      }),
    ).toEqual({});
  });
});

describe('toPerkDto', () => {
  it('sends nulls for "unlimited" and empty English texts, and whole Bangkok days', () => {
    expect(
      toPerkDto({
        ...valid,
        title: '  ส่วนลดหนังสือ  ',
        unlimitedStock: true,
        limitPerMember: false,
        validFrom: '2026-12-01',
        validUntil: '2026-12-31',
        memberKinds: ['teacher'],
      }),
    ).toEqual({
      title: 'ส่วนลดหนังสือ',
      titleEn: null,
      description: 'ใช้ได้ที่ร้านหนังสือทุกสาขา',
      descriptionEn: null,
      category: 'voucher',
      images: [],
      cost: 150,
      stock: null,
      perMemberLimit: null,
      limitPeriod: 'ever',
      fulfilment: 'generated_code',
      validFrom: '2026-12-01T00:00:00+07:00',
      validUntil: '2026-12-31T23:59:59+07:00',
      eligibility: { areaIds: [], memberKinds: ['teacher'] },
    });
  });
});

describe('PerkForm', () => {
  it('shows what is missing and does not submit an empty form', async () => {
    const { onSubmit, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'บันทึกฉบับร่าง' }));

    expect(await screen.findByText('กรุณาใส่ชื่อสิทธิประโยชน์')).toBeInTheDocument();
    expect(screen.getByText('กรุณาใส่รายละเอียดและเงื่อนไข')).toBeInTheDocument();
    expect(screen.getByText('กรุณาเลือกหมวดหมู่')).toBeInTheDocument();
    expect(screen.getByText('ใส่จำนวนพอยท์เป็นจำนวนเต็ม 1 – 1,000,000')).toBeInTheDocument();
    expect(screen.getByText('กรุณาเลือกวิธีส่งมอบ')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('ยังมีบางช่องที่ต้องแก้ไข');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits the request body once the fields are right, and clears errors as they are fixed', async () => {
    const { onSubmit, user } = renderForm({ ...valid, cost: '', fulfilment: null });
    const submit = screen.getByRole('button', { name: 'บันทึกฉบับร่าง' });
    await user.click(submit);
    expect(await screen.findByText('ใส่จำนวนพอยท์เป็นจำนวนเต็ม 1 – 1,000,000')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /พอยท์ที่ใช้แลก/ }), '250');
    expect(screen.queryByText('ใส่จำนวนพอยท์เป็นจำนวนเต็ม 1 – 1,000,000')).not.toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'ไม่จำกัดจำนวน' }));
    const modes = screen.getByRole('radiogroup');
    await user.click(within(modes).getByRole('radio', { name: /เราส่งมอบเองและยืนยันทีละรายการ/ }));
    expect(screen.getByRole('textbox', { name: /ต้องส่งมอบภายใน/ })).toHaveValue('168');
    await user.click(submit);

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toMatchObject({
      cost: 250,
      stock: null,
      perMemberLimit: 1,
      fulfilment: 'manual',
      fulfilmentHours: 168,
    });
  });

  it('refuses an end date before the start date and a picture link without https', async () => {
    const { onSubmit, user } = renderForm({
      ...valid,
      validFrom: '2026-12-10',
      validUntil: '2026-12-01',
      images: ['http://example.com/a.jpg'],
    });
    await user.click(screen.getByRole('button', { name: 'บันทึกฉบับร่าง' }));

    expect(await screen.findByText('วันสิ้นสุดต้องไม่ก่อนวันเริ่ม')).toBeInTheDocument();
    expect(screen.getByText('ลิงก์รูปต้องขึ้นต้นด้วย https://')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
