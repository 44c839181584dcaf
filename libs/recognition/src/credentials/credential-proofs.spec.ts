import { CONTEXT, DocumentNotLocalError, localDocumentLoader } from './credential-documents';
import { CredentialProofs, issuerSeed } from './credential-proofs';
import { IssuerUrls, openBadgeCredential } from './credential-shape';

const urls = new IssuerUrls('https://lc.example.test');
const JWT_SECRET = 'unit-test-secret-of-at-least-32-characters';

async function signedBadge(proofs: CredentialProofs) {
  return proofs.sign(
    openBadgeCredential(urls, {
      id: '0193a000-0000-7000-8000-000000000001',
      memberId: '0193a000-0000-7000-8000-0000000000aa',
      achievement: {
        id: 'https://lc.example.test/badges/innovator',
        name: { th: 'ครูนวัตกร', en: 'Innovator Teacher' },
        description: { th: 'คำอธิบาย', en: 'Description' },
        criteria: { th: 'เกณฑ์', en: 'Criteria' },
        image: 'https://lc.example.test/badges/innovator.png',
      },
      issuedAt: new Date('2026-12-01T00:00:00Z'),
      statusListId: 1,
      statusListIndex: 7,
    }),
    new Date('2026-12-01T00:00:01Z'),
  );
}

describe('the issuer key and Data Integrity proofs', () => {
  it('takes the configured seed, derives a stable one outside production, and refuses to guess in production', () => {
    const configured = Buffer.alloc(32, 7).toString('base64url');
    expect(issuerSeed({ NODE_ENV: 'production', JWT_SECRET, CREDENTIAL_ISSUER_SECRET: configured })).toEqual({
      seed: Buffer.alloc(32, 7),
      derived: false,
    });
    const derived = issuerSeed({ NODE_ENV: 'development', JWT_SECRET });
    expect(derived.derived).toBe(true);
    expect(derived.seed).toHaveLength(32);
    expect(issuerSeed({ NODE_ENV: 'test', JWT_SECRET }).seed).toEqual(derived.seed);
    expect(() => issuerSeed({ NODE_ENV: 'production', JWT_SECRET })).toThrow(
      /CREDENTIAL_ISSUER_SECRET is required/,
    );
  });

  it('signs an eddsa-rdfc-2022 proof that verifies, and fails once anything changes', async () => {
    const proofs = await CredentialProofs.create(Buffer.alloc(32, 1), urls);
    const signed = await signedBadge(proofs);
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: 'https://lc.example.test/api/v1/credentials/issuer#key-1',
      created: '2026-12-01T00:00:01Z',
    });
    expect(proofs.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(await proofs.verify(signed)).toBe(true);

    const renamed = structuredClone(signed) as { credentialSubject: { achievement: { name: string } } };
    renamed.credentialSubject.achievement.name = 'ครูนวัตกรดีเด่น / Outstanding Innovator';
    expect(await proofs.verify(renamed)).toBe(false);

    // Signed by another key under the same URLs: the published key does not match.
    const impostor = await CredentialProofs.create(Buffer.alloc(32, 2), urls);
    expect(await proofs.verify(await signedBadge(impostor))).toBe(false);
  });

  it('reads JSON-LD only from its local copies: another context fails the proof, nothing is fetched', async () => {
    const proofs = await CredentialProofs.create(Buffer.alloc(32, 1), urls);
    const signed = await signedBadge(proofs);
    const withRemoteContext = {
      ...signed,
      '@context': [...(signed['@context'] as string[]), 'https://attacker.example/context.json'],
    };
    expect(await proofs.verify(withRemoteContext)).toBe(false);
    const loader = localDocumentLoader();
    await expect(loader('https://attacker.example/context.json')).rejects.toBeInstanceOf(
      DocumentNotLocalError,
    );
    await expect(loader(CONTEXT.openBadgesV3)).resolves.toMatchObject({ documentUrl: CONTEXT.openBadgesV3 });
  });
});
