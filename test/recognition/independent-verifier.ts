import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';

/**
 * A second verifier of the platform's badges, written here from the specifications and sharing no code with the
 * one that signed them (the @digitalbazaar cryptosuite): eddsa-rdfc-2022 (W3C Data Integrity EdDSA Cryptosuites
 * v1.0, §3.4) canonicalises the proof options and the unsecured document with RDFC-1.0, hashes each with SHA-256,
 * and checks the Ed25519 signature over the two hashes with node:crypto against the public key of the issuer's
 * published document. It uses the same local copies of the contexts and fetches nothing.
 */

const CONTEXT_FILES: Record<string, string> = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-3.0.3.json',
};
const CONTEXT_DIR = join(__dirname, '..', '..', 'libs', 'recognition', 'src', 'credentials', 'contexts');

async function documentLoader(url: string) {
  const file = CONTEXT_FILES[url];
  if (!file) throw new Error(`the independent verifier has no local copy of ${url}`);
  return {
    contextUrl: null,
    documentUrl: url,
    document: JSON.parse(readFileSync(join(CONTEXT_DIR, file), 'utf8')),
  };
}

const canonical = (document: object) =>
  jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  });
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (Bitcoin alphabet), the `z` multibase. */
export function base58btc(text: string): Buffer {
  let value = 0n;
  for (const character of text) {
    const digit = BASE58_ALPHABET.indexOf(character);
    if (digit < 0) throw new Error(`not base58: ${character}`);
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  for (; value > 0n; value /= 256n) bytes.unshift(Number(value % 256n));
  const leadingZeros = /^1*/.exec(text)![0].length;
  return Buffer.from([...new Array<number>(leadingZeros).fill(0), ...bytes]);
}

interface IssuerDocument {
  id: string;
  verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[];
  assertionMethod: string[];
}

/** The raw Ed25519 public key of a Multikey: multibase z, multicodec prefix 0xed 0x01, then 32 bytes. */
export function ed25519PublicKey(publicKeyMultibase: string): Buffer {
  if (!publicKeyMultibase.startsWith('z')) throw new Error('publicKeyMultibase must be base58btc (z)');
  const bytes = base58btc(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01)
    throw new Error('not an Ed25519 Multikey');
  return bytes.subarray(2);
}

/** Whether the credential's eddsa-rdfc-2022 proof holds under the issuer document's key; never throws. */
export async function independentlyVerified(credential: unknown, issuer: IssuerDocument): Promise<boolean> {
  try {
    const { proof, ...unsecured } = credential as Record<string, unknown> & {
      proof: Record<string, unknown>;
    };
    const { proofValue, ...options } = proof;
    if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== 'eddsa-rdfc-2022') return false;
    if (
      options.proofPurpose !== 'assertionMethod' ||
      !issuer.assertionMethod.includes(String(options.verificationMethod))
    )
      return false;
    const issuerId =
      typeof unsecured.issuer === 'string' ? unsecured.issuer : (unsecured.issuer as { id?: unknown }).id;
    if (issuerId !== issuer.id) return false;
    const method = issuer.verificationMethod.find((candidate) => candidate.id === options.verificationMethod);
    if (!method || method.controller !== issuer.id) return false;

    // Proof configuration: the proof options under the document's @context (without proofValue).
    const proofConfig = { '@context': unsecured['@context'], ...options };
    const hashData = Buffer.concat([
      sha256(await canonical(proofConfig)),
      sha256(await canonical(unsecured)),
    ]);
    const publicKey = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: ed25519PublicKey(method.publicKeyMultibase).toString('base64url'),
      },
      format: 'jwk',
    });
    if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return false;
    return verify(null, hashData, publicKey, base58btc(proofValue.slice(1)));
  } catch {
    return false;
  }
}

/** The bit at `index` of a BitstringStatusListCredential's encodedList (multibase u, GZIP): 1 = revoked. */
export function statusBit(
  statusList: { credentialSubject: { encodedList: string } },
  index: number,
): boolean {
  const encoded = statusList.credentialSubject.encodedList;
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  return ((bits[Math.floor(index / 8)]! >> (7 - (index % 8))) & 1) === 1;
}
