import { gunzipSync } from 'node:zlib';
import {
  achievementProblem,
  bilingualName,
  bilingualParagraphs,
  encodeStatusList,
  hasOpenBadgeShape,
  IssuerUrls,
  looksLikeCredential,
  openBadgeCredential,
  STATUS_LIST_SIZE,
  statusBitSet,
} from './credential-shape';

const urls = new IssuerUrls('https://lc.example.test');
const achievement = {
  id: 'https://lc.example.test/badges/innovator',
  name: { th: 'ครูนวัตกร', en: 'Innovator Teacher' },
  description: { th: 'เผยแพร่นวัตกรรมที่ได้รับการรับรอง', en: 'Published a peer-reviewed innovation' },
  criteria: { th: 'มีนวัตกรรมได้คะแนน 4 ขึ้นไป', en: 'An innovation rated 4 or more' },
  image: 'https://lc.example.test/badges/innovator.png',
};

describe('badge credential shape', () => {
  it('writes Thai first with the English alternative after it, once when both are the same', () => {
    expect(bilingualName(achievement.name)).toBe('ครูนวัตกร / Innovator Teacher');
    expect(bilingualParagraphs(achievement.criteria)).toBe(
      'มีนวัตกรรมได้คะแนน 4 ขึ้นไป\n\nAn innovation rated 4 or more',
    );
    expect(bilingualName({ th: 'OBEC', en: 'OBEC' })).toBe('OBEC');
  });

  it('builds an OpenBadgeCredential with its issuer, achievement, subject and revocation entry', () => {
    const credential = openBadgeCredential(urls, {
      id: '0193a000-0000-7000-8000-000000000001',
      memberId: '0193a000-0000-7000-8000-0000000000aa',
      subjectName: 'ครูสมใจ ใจดี',
      achievement,
      issuedAt: new Date('2026-12-01T03:04:05.678Z'),
      statusListId: 3,
      statusListIndex: 4242,
    });
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'https://lc.example.test/api/v1/credentials/0193a000-0000-7000-8000-000000000001',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: urls.issuerId,
        type: ['Profile'],
        name: 'ชุมชนนวัตกรรมการเรียนรู้ สพฐ. / OBEC Learning Community',
      },
      validFrom: '2026-12-01T03:04:05Z',
      credentialSubject: {
        id: 'urn:uuid:0193a000-0000-7000-8000-0000000000aa',
        type: ['AchievementSubject'],
        name: 'ครูสมใจ ใจดี',
        achievement: {
          id: achievement.id,
          type: ['Achievement'],
          name: 'ครูนวัตกร / Innovator Teacher',
          criteria: { narrative: 'มีนวัตกรรมได้คะแนน 4 ขึ้นไป\n\nAn innovation rated 4 or more' },
          image: { id: achievement.image, type: 'Image' },
          inLanguage: 'th',
        },
      },
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '4242',
        statusListCredential: 'https://lc.example.test/api/v1/credentials/status/3',
      },
    });
    expect(urls.statusListIdOf('https://lc.example.test/api/v1/credentials/status/3')).toBe(3);
    expect(urls.statusListIdOf('https://elsewhere.test/api/v1/credentials/status/3')).toBeNull();
    // Only the proof is missing for the shape check.
    expect(hasOpenBadgeShape(credential)).toBe(false);
    const proof = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: urls.keyId,
      proofValue: 'z1',
    };
    expect(hasOpenBadgeShape({ ...credential, proof })).toBe(true);
    expect(hasOpenBadgeShape({ ...credential, proof, type: ['VerifiableCredential'] })).toBe(false);
  });

  it('refuses an achievement without both languages or with an address that is not http(s)', () => {
    expect(achievementProblem(achievement)).toBeNull();
    expect(achievementProblem({ ...achievement, name: { th: 'ครูนวัตกร', en: ' ' } })).toMatch(/name\.en/);
    expect(achievementProblem({ ...achievement, image: 'javascript:alert(1)' })).toMatch(/image/);
  });

  it('encodes revocations as Bitstring Status List v1.0 does: 16 KB gzipped, base64url, index 0 left-most', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(16_384);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
    expect(bits[bits.length - 1]).toBe(0x01);
    expect([0, 1, 9, 10, STATUS_LIST_SIZE - 1].map((index) => statusBitSet(encoded, index))).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it('tells a credential-like object from anything else', () => {
    expect(looksLikeCredential({ '@context': ['x'], type: 'VerifiableCredential' })).toBe(true);
    expect(looksLikeCredential({})).toBe(false);
    expect(looksLikeCredential({ '@context': 'x', type: 'VerifiableCredential' })).toBe(false);
    expect(looksLikeCredential([{ '@context': ['x'], type: 'x' }])).toBe(false);
  });
});
