import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InnovationAttachmentResponse } from '../../../api/generated/model';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { AttachmentsPanel } from './AttachmentsPanel';

const ID = '01a24d35-c9a3-72b5-ab99-097b52a7d56f';
const t = (key: string, options?: Record<string, unknown>) => i18n.t(`editor:${key}`, options);

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
  } = {
    onprogress: null,
  };
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

function attachment(fileName: string, contentType: string): InnovationAttachmentResponse {
  return {
    id: `a-${fileName}`,
    innovationId: ID,
    purpose: 'attachment',
    fileName,
    contentType,
    sizeBytes: 1_234_567,
    sha256: 'ab',
    url: `/api/v1/innovations/${ID}/attachments/a-${fileName}`,
    thumbnailUrl: null,
    uploader: { id: 'm1' },
    createdAt: '2026-01-05T03:00:00.000Z',
  };
}

beforeEach(() => {
  FakeRequest.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [], nextCursor: null }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => vi.unstubAllGlobals());

function choose(files: File[]) {
  fireEvent.change(screen.getByTestId('editor-file-input'), { target: { files } });
}

describe('AttachmentsPanel', { timeout: 60_000 }, () => {
  it('uploads each file with its own progress bar and lists it when done', async () => {
    renderWithProviders(<AttachmentsPanel innovationId={ID} ensureInnovation={async () => ID} />);
    expect(screen.getByText(t('files.limits', { max: 25 }))).toBeInTheDocument();
    expect(await screen.findByText(t('files.none'))).toBeInTheDocument();

    choose([
      new File(['%PDF-1.4'], 'แผนการสอน.pdf', { type: 'application/pdf' }),
      new File(['x'], 'ใบงาน.docx', { type: 'application/msword' }),
    ]);
    await waitFor(() => expect(FakeRequest.all).toHaveLength(2));
    const [first] = FakeRequest.all;
    expect(first.method).toBe('POST');
    expect(first.url).toBe(`/api/v1/innovations/${ID}/attachments`);
    expect((first.body?.get('file') as File).name).toBe('แผนการสอน.pdf');
    expect(first.body?.get('purpose')).toBe('attachment');

    first.progress(0.4);
    const bars = screen.getAllByRole('progressbar');
    expect(bars).toHaveLength(2);
    expect(
      screen.getByRole('progressbar', { name: t('files.progress', { name: 'แผนการสอน.pdf' }) }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(
      screen.getByRole('progressbar', { name: t('files.progress', { name: 'ใบงาน.docx' }) }),
    ).toHaveAttribute('aria-valuenow', '0');

    first.answer(201, attachment('แผนการสอน.pdf', 'application/pdf'));
    const row = await screen.findByTestId('editor-attachment');
    expect(within(row).getByText('แผนการสอน.pdf')).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: t('files.removeNamed', { name: 'แผนการสอน.pdf' }) }),
    ).toBeEnabled();
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
  });

  it('says clearly when a file is too large or of a type the API refuses, without a pointless retry', async () => {
    renderWithProviders(<AttachmentsPanel innovationId={ID} ensureInnovation={async () => ID} />);
    choose([
      new File(['x'], 'วิดีโอ.pdf', { type: 'application/pdf' }),
      new File(['x'], 'โปรแกรม.exe', { type: 'application/octet-stream' }),
    ]);
    await waitFor(() => expect(FakeRequest.all).toHaveLength(2));
    FakeRequest.all[0].answer(413, {
      status: 413,
      code: 'ATTACHMENT_TOO_LARGE',
      detail: 'ไฟล์มีขนาดใหญ่เกินกำหนด',
    });
    FakeRequest.all[1].answer(415, {
      status: 415,
      code: 'ATTACHMENT_UNSUPPORTED_TYPE',
      detail: 'รองรับเฉพาะไฟล์ PDF เอกสาร Office และรูปภาพ',
    });

    const alerts = await screen.findAllByTestId('editor-upload-error');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent(t('files.failed', { name: 'วิดีโอ.pdf' }));
    expect(alerts[0]).toHaveTextContent(t('files.tooLarge', { max: 25 }));
    expect(alerts[1]).toHaveTextContent('รองรับเฉพาะไฟล์ PDF เอกสาร Office และรูปภาพ');
    expect(screen.queryByRole('button', { name: i18n.t('common:actions.retry') })).toBeNull();
    expect(screen.queryByTestId('editor-attachment')).toBeNull();

    fireEvent.click(within(alerts[0]).getByRole('button', { name: t('files.dismiss') }));
    expect(screen.getAllByTestId('editor-upload-error')).toHaveLength(1);
  });

  it('uploads nothing while the innovation cannot be saved yet', async () => {
    const ensureInnovation = vi.fn(async () => null);
    renderWithProviders(<AttachmentsPanel innovationId={null} ensureInnovation={ensureInnovation} />);
    expect(screen.getByText(t('files.savedFirst'))).toBeInTheDocument();
    choose([new File(['x'], 'รูป.png', { type: 'image/png' })]);
    await waitFor(() => expect(ensureInnovation).toHaveBeenCalledTimes(1));
    expect(FakeRequest.all).toHaveLength(0);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
