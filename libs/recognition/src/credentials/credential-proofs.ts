import { hkdfSync } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { CONTEXT, DocumentLoader, localDocumentLoader } from './credential-documents';
import { issuerDocument, IssuerUrls } from './credential-shape';

/** Injection token of the platform's CredentialProofs (made once per process from the configured key). */
export const CREDENTIAL_PROOFS = Symbol('CREDENTIAL_PROOFS');

export interface IssuerKeyConfig {
  NODE_ENV: string;
  JWT_SECRET: string;
  CREDENTIAL_ISSUER_SECRET?: string | undefined;
}

/**
 * The 32-byte Ed25519 seed of the issuer's key: CREDENTIAL_ISSUER_SECRET (base64url), required in production. Elsewhere,
 * when unset, one derived from JWT_SECRET (HKDF, as the research pseudonyms' key is), so that development badges stay
 * verifiable across restarts. `derived` says which (the caller warns).
 */
export function issuerSeed(config: IssuerKeyConfig): { seed: Buffer; derived: boolean } {
  if (config.CREDENTIAL_ISSUER_SECRET) {
    const seed = Buffer.from(config.CREDENTIAL_ISSUER_SECRET, 'base64url');
    if (seed.length !== 32) throw new Error('CREDENTIAL_ISSUER_SECRET: expected 32 bytes as base64url');
    return { seed, derived: false };
  }
  if (config.NODE_ENV === 'production')
    throw new Error(
      'CREDENTIAL_ISSUER_SECRET is required when NODE_ENV=production (badges are signed with it, and checked against its public key for years)',
    );
  return {
    seed: Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'lc', 'credential-issuer', 32)),
    derived: true,
  };
}

/**
 * Signing and checking Data Integrity proofs (eddsa-rdfc-2022) with the @digitalbazaar packages, the only place that
 * calls them. Every JSON-LD document they read comes from the local loader: the contexts, and this issuer's document
 * and key; a credential signed by any other key or naming any other context fails its proof check without a
 * request leaving the server.
 */
export class CredentialProofs {
  readonly issuerDocument: ReturnType<typeof issuerDocument>;
  private readonly documentLoader: DocumentLoader;

  private constructor(
    readonly urls: IssuerUrls,
    private readonly keyPair: Ed25519Multikey.Ed25519KeyPair,
  ) {
    this.issuerDocument = issuerDocument(urls, keyPair.publicKeyMultibase);
    const [verificationMethod] = this.issuerDocument.verificationMethod;
    this.documentLoader = localDocumentLoader(
      new Map<string, object>([
        [urls.issuerId, this.issuerDocument],
        // The key's URL (issuer document + fragment) dereferences to the key itself, with its context.
        [urls.keyId, { '@context': CONTEXT.multikeyV1, ...verificationMethod }],
      ]),
    );
  }

  static async create(seed: Buffer, urls: IssuerUrls): Promise<CredentialProofs> {
    const keyPair = await Ed25519Multikey.generate({ seed, id: urls.keyId, controller: urls.issuerId });
    return new CredentialProofs(urls, keyPair);
  }

  get publicKeyMultibase(): string {
    return this.keyPair.publicKeyMultibase;
  }

  /** The credential with an embedded DataIntegrityProof (eddsa-rdfc-2022, proofPurpose assertionMethod). */
  async sign(credential: Record<string, unknown>, created: Date): Promise<Record<string, unknown>> {
    const suite = new DataIntegrityProof({ signer: this.keyPair.signer(), cryptosuite, date: created });
    return vc.issue({ credential, suite, documentLoader: this.documentLoader, now: created });
  }

  /**
   * Whether the proof holds: the signature over the canonical document (RDFC-1.0) and proof options, by this
   * issuer's key, authorised for assertionMethod by this issuer's document, whose id is the credential's issuer.
   * Dates and status are separate checks, so the library's own date checks are switched off (unbounded clock skew)
   * and its status hook answers yes. Never throws: whatever the library cannot process is a failed proof.
   */
  async verify(credential: unknown): Promise<boolean> {
    try {
      const result = await vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: this.documentLoader,
        controller: this.issuerDocument,
        checkStatus: async () => ({ verified: true }),
        maxClockSkew: Number.POSITIVE_INFINITY,
      });
      return result.verified === true;
    } catch {
      return false;
    }
  }
}
