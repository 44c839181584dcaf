import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../i18n';
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

const UPLOADED = '/api/v1/perk-images/01a24d35-c9a3-72b5-ab99-097b52a7d56f';

/** An XMLHttpRequest the test drives: progress, then an answer. */
class FakeRequest {
  static all: FakeRequest[] = [];
  url = '';
  method = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: {
    onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeRequest.all.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
  }
  progress(fraction: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded: fraction * 100, total: 100 }));
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

beforeEach(() => {
  FakeRequest.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
});

afterEach(() => vi.unstubAllGlobals());

function choosePicture(file: File) {
  fireEvent.change(screen.getByTestId('perk-image-input'), { target: { files: [file] } });
}

const picture = (name = 'รูปหน้าร้าน.jpg', type = 'image/jpeg', size = 1000) =>
  new File([new Uint8Array(size)], name, { type });

function renderForm(initialValues: PerkFormValues = emptyPerkForm, language: Language = 'th') {
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
    { language },
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

  it("accepts the platform's uploaded picture paths besides https links, and nothing else", () => {
    expect(validatePerkForm({ ...valid, images: [UPLOADED, 'https://example.com/b.jpg'] })).toEqual({});
    expect(
      validatePerkForm({
        ...valid,
        images: [
          '/api/v1/perk-images/not-a-uuid',
          `${UPLOADED}/../../attachments`,
          '/etc/passwd',
          `https-less${UPLOADED}`,
          UPLOADED,
        ],
      }),
    ).toEqual({ imageAt: { 0: 'imageUrl', 1: 'imageUrl', 2: 'imageUrl', 3: 'imageUrl' } });
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

  it('asks a level only when one is chosen', () => {
    expect(toPerkDto({ ...valid, minLevel: 'change_agent' }).eligibility).toEqual({
      areaIds: [],
      memberKinds: [],
      minLevel: 'change_agent',
    });
    expect(toPerkDto({ ...valid, minLevel: '' }).eligibility).toEqual({ areaIds: [], memberKinds: [] });
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

  it('uploads a picture from the phone with a progress bar, shows it and sends its path with the perk', async () => {
    const { onSubmit, user } = renderForm(valid);
    choosePicture(picture());
    await waitFor(() => expect(FakeRequest.all).toHaveLength(1));
    const [sent] = FakeRequest.all;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/api/v1/partner/perk-images');
    expect((sent.body?.get('file') as File).name).toBe('รูปหน้าร้าน.jpg');

    sent.progress(0.4);
    expect(screen.getByRole('progressbar', { name: 'กำลังอัปโหลด รูปหน้าร้าน.jpg' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    // Saving waits for the picture.
    expect(screen.getByRole('button', { name: 'บันทึกฉบับร่าง' })).toBeDisabled();

    sent.answer(201, { id: '01a24d35-c9a3-72b5-ab99-097b52a7d56f', url: UPLOADED });
    const row = await screen.findByTestId('perk-image-uploaded');
    expect(row).toHaveTextContent('รูปที่ 1 (อัปโหลดแล้ว)');
    expect(row.querySelector('img')).toHaveAttribute('src', UPLOADED);
    expect(within(row).getByRole('button', { name: 'ลบรูปที่ 1' })).toBeEnabled();
    expect(screen.queryByRole('progressbar')).toBeNull();
    // The link field stays available for pictures elsewhere.
    expect(screen.getByRole('button', { name: 'เพิ่มลิงก์รูป' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'บันทึกฉบับร่าง' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0].images).toEqual([UPLOADED]);
  });

  it('says in Thai why the API refused a picture, and adds nothing', async () => {
    const { onSubmit, user } = renderForm(valid);
    choosePicture(picture('เอกสาร.png', 'image/png'));
    await waitFor(() => expect(FakeRequest.all).toHaveLength(1));
    FakeRequest.all[0].answer(415, {
      status: 415,
      code: 'PERK_IMAGE_UNSUPPORTED_TYPE',
      detail: 'A perk picture must be a JPEG, PNG or WebP image, judged by its content',
    });

    const alert = await screen.findByTestId('perk-image-upload-error');
    expect(alert).toHaveTextContent('อัปโหลด เอกสาร.png ไม่สำเร็จ');
    expect(alert).toHaveTextContent('รองรับเฉพาะรูปแบบ JPEG, PNG หรือ WebP');
    expect(screen.queryByTestId('perk-image-uploaded')).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'ปิดข้อความ' }));
    expect(screen.queryByTestId('perk-image-upload-error')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'บันทึกฉบับร่าง' }));
    expect(onSubmit.mock.calls[0][0].images).toEqual([]);
  });

  it('refuses a picture over 5 MB in English before sending it', async () => {
    renderForm(valid, 'en');
    choosePicture(picture('holiday.jpg', 'image/jpeg', 5 * 1024 * 1024 + 1));
    const alert = await screen.findByTestId('perk-image-upload-error');
    expect(alert).toHaveTextContent('Could not upload holiday.jpg');
    expect(alert).toHaveTextContent('A picture can be at most 5 MB.');
    expect(FakeRequest.all).toHaveLength(0);
  });
});
