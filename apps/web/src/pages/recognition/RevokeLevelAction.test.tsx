import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicMemberResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { renderWithProviders } from '../../test/render';
import { jsonResponse, stubDocumentFonts } from '../admin/parts/testing';
import { NominateAction } from './NominateAction';
import { RevokeLevelAction } from './RevokeLevelAction';

vi.setConfig({ testTimeout: 30_000 });

const MEMBER_ID = '01a24f65-4148-7e2d-bf8f-016c7577da5a';

function member(level: PublicMemberResponse['level']): PublicMemberResponse {
  return {
    id: MEMBER_ID,
    displayName: 'ครูเฉลิม ช่างคิด',
    memberKind: 'teacher',
    academicStanding: null,
    learningAreas: [],
    level,
    bio: null,
    school: { id: '01a24f65-3cf4-7d9d-be66-fd17255ac371', name: 'โรงเรียนสาธิตกระบี่ 2', areaId: 'a1' },
    erased: false,
  };
}

let roles: { role: string; scopeType: string; scopeId: string | null }[] = [];
let revokeAnswer: Response | null = null;
let revokes: { url: string; body: unknown }[] = [];

beforeAll(stubDocumentFonts);
beforeEach(() => {
  roles = [{ role: 'obec_admin', scopeType: 'national', scopeId: null }];
  revokeAnswer = null;
  revokes = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/auth/refresh')) return jsonResponse({ accessToken: 'token' });
      if (url === '/api/v1/me')
        return jsonResponse({
          id: '01a24f65-3ea6-72cf-8a83-03a7eed4f00b',
          displayName: 'ผู้ดูแล สพฐ.',
          level: 'member',
          roles,
          learningAreas: [],
        });
      if (url.endsWith('/revoke') && init?.method === 'POST') {
        revokes.push({ url, body: JSON.parse(String(init.body)) as unknown });
        if (revokeAnswer) return revokeAnswer;
        return jsonResponse({
          level: { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' },
          next: null,
        });
      }
      return jsonResponse({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderAction(target: PublicMemberResponse, language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <AuthProvider>
      <Notifications />
      <RevokeLevelAction member={target} />
    </AuthProvider>,
    { language },
  );
}

describe('RevokeLevelAction: an OBEC admin takes a level back', () => {
  it('explains what goes with it, asks for a reason, sends it and shows the new level', async () => {
    const user = userEvent.setup();
    renderAction(member('change_agent'));

    await user.click(await screen.findByRole('button', { name: 'เพิกถอนระดับ' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'เพิกถอนระดับผู้นำการเปลี่ยนแปลงของ ครูเฉลิม ช่างคิด',
    });
    expect(
      within(dialog).getByText(
        /ครูเฉลิม ช่างคิด จะกลับไปอยู่ระดับนักปฏิบัติ ระดับผู้นำการเปลี่ยนแปลงและระดับที่สูงกว่าจะถูกเพิกถอนไปด้วย และจะไม่ได้รับคืนโดยอัตโนมัติ/,
      ),
    ).toBeInTheDocument();
    const field = within(dialog).getByRole('textbox', { name: /เหตุผลในการเพิกถอน/ });

    await user.type(field, 'ab');
    await user.click(within(dialog).getByRole('button', { name: 'เพิกถอนระดับ' }));
    expect(await within(dialog).findByText('กรุณาเขียนอย่างน้อย 3 ตัวอักษร')).toBeInTheDocument();
    expect(revokes).toHaveLength(0);

    await user.clear(field);
    await user.type(field, '  ผลงานที่ใช้ยื่นเป็นของผู้อื่น  ');
    await user.click(within(dialog).getByRole('button', { name: 'เพิกถอนระดับ' }));

    await waitFor(() => expect(revokes).toHaveLength(1));
    expect(revokes[0]).toEqual({
      url: `/api/v1/admin/recognition/members/${MEMBER_ID}/levels/change_agent/revoke`,
      body: { reason: 'ผลงานที่ใช้ยื่นเป็นของผู้อื่น' },
    });
    expect(await screen.findByText('เพิกถอนแล้ว ตอนนี้ ครูเฉลิม ช่างคิด อยู่ระดับนักปฏิบัติ')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('ระดับปัจจุบัน: นักปฏิบัติ');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The next revocation would be of the level now held.
    expect(screen.getByRole('button', { name: 'เพิกถอนระดับ' })).toBeInTheDocument();
  });

  it('says clearly when the member no longer holds the level', async () => {
    revokeAnswer = jsonResponse(
      {
        status: 404,
        code: 'RECOGNITION_LEVEL_NOT_HELD',
        title: 'สมาชิกไม่ได้อยู่ในระดับนี้',
        detail: 'change_agent',
      },
      404,
    );
    const user = userEvent.setup();
    renderAction(member('change_agent'));
    await user.click(await screen.findByRole('button', { name: 'เพิกถอนระดับ' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /เหตุผลในการเพิกถอน/ }), 'ผลงานซ้ำ');
    await user.click(within(dialog).getByRole('button', { name: 'เพิกถอนระดับ' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('ครูเฉลิม ช่างคิด ไม่ได้อยู่ระดับผู้นำการเปลี่ยนแปลงแล้ว');
    expect(alert).not.toHaveTextContent('change_agent');
  });

  it('is offered only to OBEC admins, and only for a level above member', async () => {
    renderWithProviders(
      <AuthProvider>
        <section aria-label="member">
          <RevokeLevelAction member={member('member')} />
        </section>
        <section aria-label="practitioner">
          <RevokeLevelAction member={member('practitioner')} />
        </section>
      </AuthProvider>,
    );
    const practitioner = await screen.findByRole('region', { name: 'practitioner' });
    expect(await within(practitioner).findByRole('button', { name: 'เพิกถอนระดับ' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'เพิกถอนระดับ' })).toHaveLength(1);
  });

  it('is not offered to an area admin', async () => {
    roles = [{ role: 'area_admin', scopeType: 'area', scopeId: 'a1' }];
    renderWithProviders(
      <AuthProvider>
        <NominateAction member={member('change_agent')} />
        <RevokeLevelAction member={member('change_agent')} />
      </AuthProvider>,
    );
    // Once the session has loaded the area admin may nominate this Change Agent, but not take the level back.
    expect(await screen.findByRole('button', { name: 'เสนอชื่อเป็นผู้ทรงอิทธิพล' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'เพิกถอนระดับ' })).not.toBeInTheDocument();
  });

  it('says it in English', async () => {
    const user = userEvent.setup();
    renderAction(member('influencer'), 'en');
    await user.click(await screen.findByRole('button', { name: 'Revoke level' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke ครูเฉลิม ช่างคิด’s Education Influencer level',
    });
    expect(
      within(dialog).getByText(
        /ครูเฉลิม ช่างคิด goes back to Change Agent\. Education Influencer and any level above it go with it and are not earned again automatically/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('3–1,000 characters; the member will see it')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for revoking/ }), 'Copied work');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke the level' }));
    expect(await screen.findByText('Revoked: ครูเฉลิม ช่างคิด is now Practitioner')).toBeInTheDocument();
  });
});
