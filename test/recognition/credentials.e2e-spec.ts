import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { AchievementInput, CredentialsService, IssueCredentialInput } from '@lc/recognition';
import { CredentialProofs } from '../../libs/recognition/src/credentials/credential-proofs';
import { IssuerUrls, openBadgeCredential } from '../../libs/recognition/src/credentials/credential-shape';
import { Given, GivenMember } from '../support/given';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { independentlyVerified, statusBit } from './independent-verifier';

/**
 * Badges as Open Badges 3.0 credentials: issued and signed once per award, fetched and checked by anyone without
 * signing in, checked again by a verifier that shares no code with the signer, revoked through the published
 * status list. Awards don't exist yet: the award ids here are made up (the table has no foreign key to them).
 */
const BASE = 'https://badges.example.test';
const ISSUER = `${BASE}/api/v1/credentials/issuer`;

const achievement: AchievementInput = {
  id: `${BASE}/badges/innovator`,
  name: { th: 'ครูนวัตกร', en: 'Innovator Teacher' },
  description: {
    th: 'ครูผู้เผยแพร่นวัตกรรมการเรียนรู้ที่เพื่อนครูประเมินแล้ว',
    en: 'A teacher who published a learning innovation reviewed by peers',
  },
  criteria: {
    th: 'เผยแพร่นวัตกรรมอย่างน้อย 1 ชิ้นที่ได้คะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครู 3 คน',
    en: 'At least one published innovation rated 4.0 or more by three peers',
  },
  image: `${BASE}/badges/innovator.png`,
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Verifiable badges (Open Badges 3.0 credentials)', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let service: CredentialsService;
  let members: GivenMember[];
  let issuerDocument: Json;
  let document: OpenApiDocument;

  const http = () => request(api.url);
  const issue = (input: Partial<IssueCredentialInput> & { memberId: string }) =>
    api.dataSource.transaction((manager) =>
      service.issue(manager, { awardId: uuidv7(), achievement, issuedAt: new Date(), ...input }),
    );
  const verifyByApi = async (credential: unknown) =>
    (await http().post('/api/v1/credentials/verify').send({ credential }).expect(200)).body as {
      verified: boolean;
      checks: { check: string; ok: boolean; th: string; en: string }[];
    };
  const failing = (result: { checks: { check: string; ok: boolean }[] }) =>
    result.checks.filter((item) => !item.ok).map((item) => item.check);

  beforeAll(async () => {
    environment = await createTestEnvironment({
      PUBLIC_URL: BASE,
      CREDENTIAL_ISSUER_SECRET: randomBytes(32).toString('base64url'),
    });
    api = await startTestApp(environment);
    service = api.app.get(CredentialsService, { strict: false });
    members = await new Given(api).members(21);
    const issuerResponse = await http().get('/api/v1/credentials/issuer').expect(200);
    // Verifiers running in a browser may read the public documents from any origin.
    expect(issuerResponse.headers['access-control-allow-origin']).toBe('*');
    issuerDocument = issuerResponse.body;
    document = (await http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('publishes the issuer: its Profile and the Ed25519 key (Multikey) authorised to sign badges', async () => {
    expect(issuerDocument).toMatchObject({
      id: ISSUER,
      type: ['Profile'],
      name: 'ชุมชนนวัตกรรมการเรียนรู้ สพฐ. / OBEC Learning Community',
      verificationMethod: [
        {
          id: `${ISSUER}#key-1`,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: expect.stringMatching(/^z6Mk/),
        },
      ],
      assertionMethod: [`${ISSUER}#key-1`],
    });
    expect(
      schemaMismatches(
        document,
        responseSchema(document, 'get', '/api/v1/credentials/issuer'),
        issuerDocument,
      ),
    ).toEqual([]);
  });

  it('issues a signed OpenBadgeCredential that anyone fetches and verifies, through the API and independently', async () => {
    const member = members[0]!;
    const awardId = uuidv7();
    const issued = await issue({ awardId, memberId: member.id, subjectName: 'ครูสมใจ ใจดี' });
    expect(issued).toMatchObject({ awardId, memberId: member.id, created: true, revokedAt: null });

    // Fetched without signing in: exactly the stored, signed credential.
    const fetched = (await http().get(`/api/v1/credentials/${issued.id}`).expect(200)).body as Json;
    expect(fetched).toEqual(issued.credential);
    expect(fetched).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: `${BASE}/api/v1/credentials/${issued.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: ISSUER, type: ['Profile'] },
      credentialSubject: {
        id: `urn:uuid:${member.id}`,
        type: ['AchievementSubject'],
        name: 'ครูสมใจ ใจดี',
        achievement: {
          id: achievement.id,
          type: ['Achievement'],
          name: 'ครูนวัตกร / Innovator Teacher',
          criteria: { narrative: `${achievement.criteria.th}\n\n${achievement.criteria.en}` },
          image: { id: achievement.image, type: 'Image' },
        },
      },
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(issued.statusListIndex),
        statusListCredential: `${BASE}/api/v1/credentials/status/${issued.statusListId}`,
      },
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: `${ISSUER}#key-1`,
      },
    });

    const result = await verifyByApi(fetched);
    expect(result.verified).toBe(true);
    expect(result.checks.map(({ check, ok }) => ({ check, ok }))).toEqual([
      { check: 'shape', ok: true },
      { check: 'proof', ok: true },
      { check: 'issuer', ok: true },
      { check: 'status', ok: true },
      { check: 'expiry', ok: true },
    ]);
    expect(result.checks.every((item) => item.th.length > 0 && item.en.length > 0)).toBe(true);
    expect(
      schemaMismatches(document, responseSchema(document, 'post', '/api/v1/credentials/verify'), result),
    ).toEqual([]);
    expect(await independentlyVerified(fetched, issuerDocument as never)).toBe(true);
  });

  it.each([
    ['subject', (c: Json) => (c.credentialSubject.id = `urn:uuid:${uuidv7()}`)],
    [
      'achievement name',
      (c: Json) => (c.credentialSubject.achievement.name = 'ครูนวัตกรดีเด่น / Master Innovator'),
    ],
    ['validFrom', (c: Json) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['issuer name', (c: Json) => (c.issuer.name = 'สำนักงานอื่น / Another Office')],
    ['status index', (c: Json) => (c.credentialStatus.statusListIndex = '0')],
  ])('a credential whose %s was changed fails both verifiers', async (_field, change) => {
    const issued = await issue({ memberId: members[1]!.id });
    const tampered = structuredClone(issued.credential) as Json;
    change(tampered);
    const result = await verifyByApi(tampered);
    expect(result.verified).toBe(false);
    expect(failing(result)).toContain('proof');
    expect(await independentlyVerified(tampered, issuerDocument as never)).toBe(false);
    // The untouched original still verifies with both.
    expect((await verifyByApi(issued.credential)).verified).toBe(true);
    expect(await independentlyVerified(issued.credential, issuerDocument as never)).toBe(true);
  });

  it('a revoked badge fails its status check, and the signed status list published for it says so', async () => {
    const kept = await issue({ memberId: members[2]!.id });
    const revokedOne = await issue({ memberId: members[3]!.id });
    expect(revokedOne.statusListId).toBe(kept.statusListId);

    const listUrl = `/api/v1/credentials/status/${kept.statusListId}`;
    const before = (await http().get(listUrl).expect(200)).body as Json;
    expect(statusBit(before as never, revokedOne.statusListIndex)).toBe(false);

    const revoked = await api.dataSource.transaction((manager) =>
      service.revoke(manager, revokedOne.id, 'มอบให้ผิดคน / awarded to the wrong person'),
    );
    expect(revoked.revokedAt).toBeInstanceOf(Date);

    const result = await verifyByApi(revokedOne.credential);
    expect(result.verified).toBe(false);
    expect(failing(result)).toEqual(['status']);
    expect((await verifyByApi(kept.credential)).verified).toBe(true);

    // The published list: a BitstringStatusListCredential signed with the same key, the revoked slot's bit set.
    const list = (await http().get(listUrl).expect(200)).body as Json;
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `${BASE}${listUrl}`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        verificationMethod: `${ISSUER}#key-1`,
      },
    });
    expect(await independentlyVerified(list, issuerDocument as never)).toBe(true);
    expect(statusBit(list as never, revokedOne.statusListIndex)).toBe(true);
    expect(statusBit(list as never, kept.statusListIndex)).toBe(false);
    const changedList = structuredClone(list);
    changedList.credentialSubject.encodedList = before.credentialSubject.encodedList;
    expect(await independentlyVerified(changedList, issuerDocument as never)).toBe(false);

    // The stored credential is unchanged by the revocation; revoking again is refused.
    expect((await http().get(`/api/v1/credentials/${revokedOne.id}`).expect(200)).body).toEqual(
      revokedOne.credential,
    );
    await expect(
      api.dataSource.transaction((manager) => service.revoke(manager, revokedOne.id, 'อีกครั้ง / again')),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_ALREADY_REVOKED' });
  });

  it('issues at once get distinct status slots, and one award yields exactly one credential', async () => {
    const twenty = await Promise.all(members.slice(1, 21).map((member) => issue({ memberId: member.id })));
    expect(twenty.every((item) => item.created)).toBe(true);
    expect(new Set(twenty.map((item) => `${item.statusListId}:${item.statusListIndex}`)).size).toBe(20);

    const awardId = uuidv7();
    const [first, second] = await Promise.all([
      issue({ awardId, memberId: members[4]!.id }),
      issue({ awardId, memberId: members[4]!.id }),
    ]);
    expect(second!.id).toBe(first!.id);
    expect([first!.created, second!.created].sort()).toEqual([false, true]);
    const again = await issue({
      awardId,
      memberId: members[4]!.id,
      issuedAt: new Date('2030-01-01T00:00:00Z'),
    });
    expect(again).toMatchObject({ id: first!.id, created: false, credential: first!.credential });
    const rows: { count: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM badge_credential WHERE award_id = $1`,
      [awardId],
    );
    expect(rows[0]!.count).toBe(1);
  });

  it('refuses what is no credential with problem+json, and fails a foreign key, context or issuer', async () => {
    const refusal = async (body: unknown, status: number, code: string) => {
      const response = await http()
        .post('/api/v1/credentials/verify')
        .send(body as object)
        .expect(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe(code);
    };
    await refusal({}, 400, 'VALIDATION_FAILED');
    await refusal({ credential: 'eyJhbGciOi.not-a-credential' }, 400, 'VALIDATION_FAILED');
    await refusal({ credential: {} }, 400, 'CREDENTIAL_MALFORMED');
    await refusal(
      { credential: { '@context': 'https://www.w3.org/ns/credentials/v2', type: 5 } },
      400,
      'CREDENTIAL_MALFORMED',
    );
    await refusal(
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: 'VerifiableCredential',
          x: 'ก'.repeat(70_000),
        },
      },
      413,
      'CREDENTIAL_TOO_LARGE',
    );
    const malformedJson = await http()
      .post('/api/v1/credentials/verify')
      .set('content-type', 'application/json')
      .send('{"credential": {')
      .expect(400);
    expect(malformedJson.body.code).toBe('MALFORMED_JSON');

    const issued = await issue({ memberId: members[5]!.id });
    // Signed by another Ed25519 key under the platform's URLs: the published key does not match it.
    const impostor = await CredentialProofs.create(randomBytes(32), new IssuerUrls(BASE));
    const unsigned = openBadgeCredential(new IssuerUrls(BASE), {
      id: issued.id,
      memberId: issued.memberId,
      achievement,
      issuedAt: issued.issuedAt,
      statusListId: issued.statusListId,
      statusListIndex: issued.statusListIndex,
    });
    const forged = await impostor.sign(unsigned, new Date());
    const forgedResult = await verifyByApi(forged);
    expect(failing(forgedResult)).toEqual(['proof']);
    expect(await independentlyVerified(forged, issuerDocument as never)).toBe(false);

    // Another issuer's badge (its own URLs and key): not ours, and not a key the platform will fetch.
    const elsewhere = new IssuerUrls('https://other-platform.example.test');
    const foreign = await (
      await CredentialProofs.create(randomBytes(32), elsewhere)
    ).sign(openBadgeCredential(elsewhere, { ...issued, achievement, id: uuidv7() }), new Date());
    const foreignResult = await verifyByApi(foreign);
    expect(foreignResult.verified).toBe(false);
    expect(failing(foreignResult)).toEqual(expect.arrayContaining(['proof', 'issuer', 'status']));

    // A context the platform has no local copy of: refused by its loader, so the proof fails (nothing fetched).
    const remoteContext = structuredClone(issued.credential) as Json;
    remoteContext['@context'].push('https://attacker.example.test/context.json');
    expect(failing(await verifyByApi(remoteContext))).toEqual(['proof']);

    const unknown = await http().get(`/api/v1/credentials/${uuidv7()}`).expect(404);
    expect(unknown.body.code).toBe('CREDENTIAL_NOT_FOUND');
    for (const listId of ['999999', 'abc', '0'])
      expect((await http().get(`/api/v1/credentials/status/${listId}`).expect(404)).body.code).toBe(
        'CREDENTIAL_STATUS_LIST_NOT_FOUND',
      );
  });
});
