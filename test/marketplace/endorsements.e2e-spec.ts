import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

describe('Endorsements: partners vouch for innovations', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let author: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    author = await given.member();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('endorses once per partner, shows it on the innovation and credits the author', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    const id = draft.body.id as string;
    // A draft can't be endorsed (nor seen).
    const partner = await given.partner('มูลนิธิเพื่อการศึกษา');
    const staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    await request(api.url)
      .post(`/api/v1/innovations/${id}/endorsements`)
      .set(staff.auth)
      .send({ statement: 'ดีมาก' })
      .expect(404);
    await request(api.url).post(`/api/v1/innovations/${id}/publish`).set(author.auth).expect(200);
    await eventually(async () =>
      (await request(api.url).get('/api/v1/me/wallet').set(author.auth)).body.balance === 50
        ? true
        : undefined,
    );

    const endorsed = await request(api.url)
      .post(`/api/v1/innovations/${id}/endorsements`)
      .set(staff.auth)
      .send({ statement: 'ภาคีรับรองว่าใช้ได้ผลจริงในโรงเรียนขนาดเล็ก' })
      .expect(201);
    expect(endorsed.body).toMatchObject({
      statement: 'ภาคีรับรองว่าใช้ได้ผลจริงในโรงเรียนขนาดเล็ก',
      partner: { id: partner.id, name: 'มูลนิธิเพื่อการศึกษา' },
    });
    const colleague = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    const again = await request(api.url)
      .post(`/api/v1/innovations/${id}/endorsements`)
      .set(colleague.auth)
      .send({ statement: 'อีกครั้ง' })
      .expect(409);
    expect(again.body.code).toBe('ENDORSEMENT_EXISTS');
    const shown = await request(api.url).get(`/api/v1/innovations/${id}/endorsements`).expect(200);
    expect(shown.body.items).toHaveLength(1);

    // The ledger rule innovation.endorsed credits the author 30 points.
    await eventually(async () => {
      const wallet = (await request(api.url).get('/api/v1/me/wallet').set(author.auth)).body;
      return wallet.balance === 80 ? wallet : undefined;
    });
    const statement = await request(api.url).get('/api/v1/me/wallet/transfers').set(author.auth).expect(200);
    expect(statement.body.items[0]).toMatchObject({
      amount: 30,
      reason: { code: 'innovation.endorsed', th: 'ภาคีเครือข่ายรับรองนวัตกรรม' },
    });
  });
});
