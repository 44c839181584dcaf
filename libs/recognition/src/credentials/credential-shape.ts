import { gunzipSync, gzipSync } from 'node:zlib';
import { CONTEXT } from './credential-documents';

/**
 * What the platform's badge credentials look like (Open Badges 3.0 in the W3C VC 2.0 data model), their issuer's
 * document and their revocation lists (W3C Bitstring Status List v1.0). Pure functions: no keys, no database.
 */

export interface BilingualText {
  th: string;
  en: string;
}

/** The badge a credential is about, as its definition says it. */
export interface AchievementInput {
  /** The stable URL of the badge definition (the same for every award of the badge). */
  id: string;
  name: BilingualText;
  description: BilingualText;
  /** How the badge is earned (OB 3.0 `criteria.narrative`; Markdown allowed). */
  criteria: BilingualText;
  /** The URL of the badge's picture. */
  image: string;
}

export interface CredentialDraft {
  id: string;
  memberId: string;
  subjectName?: string | undefined;
  achievement: AchievementInput;
  issuedAt: Date;
  statusListId: number;
  statusListIndex: number;
}

export const ISSUER_NAME: BilingualText = { th: 'ชุมชนนวัตกรรมการเรียนรู้ สพฐ.', en: 'OBEC Learning Community' };

/** Slots in one revocation list: 2^17 bits, the 16 KB minimum of Bitstring Status List v1.0 (herd privacy). */
export const STATUS_LIST_SIZE = 131_072;

/** Every id and URL in a credential is made from the public base URL (PUBLIC_URL, else WEB_URL). */
export class IssuerUrls {
  readonly issuerId: string;
  readonly keyId: string;
  private readonly statusPrefix: string;

  constructor(readonly baseUrl: string) {
    this.issuerId = `${baseUrl}/api/v1/credentials/issuer`;
    this.keyId = `${this.issuerId}#key-1`;
    this.statusPrefix = `${baseUrl}/api/v1/credentials/status/`;
  }

  credential(id: string): string {
    return `${this.baseUrl}/api/v1/credentials/${id}`;
  }

  statusList(listId: number): string {
    return `${this.statusPrefix}${listId}`;
  }

  /** The id of one of this issuer's status lists from its URL, or null for any other value. */
  statusListIdOf(url: unknown): number | null {
    if (typeof url !== 'string' || !url.startsWith(this.statusPrefix)) return null;
    return parseListId(url.slice(this.statusPrefix.length));
  }
}

/** A list id as the URL writes it (1, 2, …), or null. */
export function parseListId(text: string): number | null {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) return null;
  return Number(text);
}

/**
 * Thai and English in the single-text fields of Open Badges 3.0 (`name`, `description`, `criteria.narrative`). Not
 * a language map: these terms have no `"@container": "@language"` in the VC 2.0 or OB 3.0.3 contexts, so
 * `{"th": …, "en": …}` would be signed as a node with two unknown properties, not as two languages. JSON-LD value
 * objects (`[{"@value": …, "@language": "th"}, …]`) are allowed by the contexts, but the OB 3.0 JSON Schema makes
 * these fields strings and wallets show them as strings. So each is one string with the Thai value first and the
 * English alternative after it (the platform's bilingual layout, as in its e-mail), and the Achievement declares
 * `inLanguage: "th"`, its first language.
 */
export function bilingualName(text: BilingualText): string {
  return text.th === text.en ? text.th : `${text.th} / ${text.en}`;
}

export function bilingualParagraphs(text: BilingualText): string {
  return text.th === text.en ? text.th : `${text.th}\n\n${text.en}`;
}

/** An XSD dateTimeStamp in UTC to the second, as VC 2.0 dates are written. */
export function xsdDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/;

/** Why an achievement cannot go into a credential, or null when it can. */
export function achievementProblem(achievement: AchievementInput): string | null {
  if (!HTTP_URL.test(achievement.id ?? '')) return 'achievement.id must be an http(s) URL';
  if (!HTTP_URL.test(achievement.image ?? '')) return 'achievement.image must be an http(s) URL';
  const limits = { name: 200, description: 2000, criteria: 4000 } as const;
  for (const field of ['name', 'description', 'criteria'] as const) {
    for (const language of ['th', 'en'] as const) {
      const text = achievement[field]?.[language];
      if (typeof text !== 'string' || text.trim().length === 0 || text.length > limits[field])
        return `achievement.${field}.${language} must be 1 to ${limits[field]} characters`;
    }
  }
  return null;
}

export function issuerProfile(urls: IssuerUrls) {
  return { id: urls.issuerId, type: ['Profile'], name: bilingualName(ISSUER_NAME), url: urls.baseUrl };
}

/**
 * The issuer's document, served at its id: the OB 3.0 Profile and the controller document of its key (a Multikey,
 * authorised for `assertionMethod`). The DID v1 context defines those two terms (see contexts/README.md).
 */
export function issuerDocument(urls: IssuerUrls, publicKeyMultibase: string) {
  return {
    '@context': [CONTEXT.didV1, CONTEXT.multikeyV1, CONTEXT.credentialsV2, CONTEXT.openBadgesV3],
    ...issuerProfile(urls),
    verificationMethod: [{ id: urls.keyId, type: 'Multikey', controller: urls.issuerId, publicKeyMultibase }],
    assertionMethod: [urls.keyId],
  };
}

/** The unsigned OpenBadgeCredential of one award. */
export function openBadgeCredential(urls: IssuerUrls, draft: CredentialDraft): Record<string, unknown> {
  const { achievement } = draft;
  const issued = xsdDateTime(draft.issuedAt);
  const statusList = urls.statusList(draft.statusListId);
  return {
    '@context': [CONTEXT.credentialsV2, CONTEXT.openBadgesV3],
    id: urls.credential(draft.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerProfile(urls),
    validFrom: issued,
    awardedDate: issued,
    name: bilingualName(achievement.name),
    credentialSubject: {
      // The member's platform id, not an e-mail address or a national id: it says nothing about them by itself.
      id: `urn:uuid:${draft.memberId}`,
      type: ['AchievementSubject'],
      ...(draft.subjectName ? { name: draft.subjectName } : {}),
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'Badge',
        name: bilingualName(achievement.name),
        description: bilingualParagraphs(achievement.description),
        criteria: { narrative: bilingualParagraphs(achievement.criteria) },
        image: { id: achievement.image, type: 'Image' },
        inLanguage: 'th',
      },
    },
    credentialStatus: {
      id: `${statusList}#${draft.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(draft.statusListIndex),
      statusListCredential: statusList,
    },
  };
}

/** The revocation list as Bitstring Status List v1.0 encodes it: GZIP, base64url, multibase prefix `u`. */
export function encodeStatusList(revokedIndexes: Iterable<number>): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  // Index 0 is the left-most bit: the most significant bit of the first byte.
  for (const index of revokedIndexes) bits[index >> 3]! |= 0x80 >> (index & 7);
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Whether the bit at `index` of an encoded list is set (the credential there is revoked). */
export function statusBitSet(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix u)');
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (index < 0 || index >= bits.length * 8) throw new Error(`index ${index} is outside the list`);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** The unsigned BitstringStatusListCredential of one list. */
export function statusListCredential(
  urls: IssuerUrls,
  listId: number,
  encodedList: string,
  validFrom: Date,
): Record<string, unknown> {
  const id = urls.statusList(listId);
  return {
    '@context': [CONTEXT.credentialsV2],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: urls.issuerId,
    validFrom: xsdDateTime(validFrom),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList,
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON-LD `type` as a list (a string or an array of strings), or empty when it is neither. */
export function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : [];
}

const isDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * Whether a credential has the shape of an OpenBadgeCredential as this platform issues them: the VC 2.0 and OB
 * 3.0.3 contexts first, the types, an issuer Profile, dates, an AchievementSubject with its Achievement, and one
 * eddsa-rdfc-2022 Data Integrity proof. (The signature, the issuer and the status are other checks.)
 */
export function hasOpenBadgeShape(credential: Record<string, unknown>): boolean {
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== CONTEXT.credentialsV2 || context[1] !== CONTEXT.openBadgesV3)
    return false;
  const types = typesOf(credential.type);
  if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential')) return false;
  if (typeof credential.id !== 'string' || typeof credential.name !== 'string') return false;
  const issuer = credential.issuer;
  if (!isObject(issuer) || typeof issuer.id !== 'string' || !typesOf(issuer.type).includes('Profile'))
    return false;
  if (!isDate(credential.validFrom)) return false;
  if (credential.validUntil !== undefined && !isDate(credential.validUntil)) return false;
  const subject = credential.credentialSubject;
  if (!isObject(subject) || !typesOf(subject.type).includes('AchievementSubject')) return false;
  const achievement = subject.achievement;
  if (
    !isObject(achievement) ||
    !typesOf(achievement.type).includes('Achievement') ||
    typeof achievement.id !== 'string' ||
    typeof achievement.name !== 'string' ||
    typeof achievement.description !== 'string' ||
    !isObject(achievement.criteria)
  )
    return false;
  const proof = credential.proof;
  return (
    isObject(proof) &&
    proof.type === 'DataIntegrityProof' &&
    proof.cryptosuite === 'eddsa-rdfc-2022' &&
    proof.proofPurpose === 'assertionMethod' &&
    typeof proof.verificationMethod === 'string' &&
    typeof proof.proofValue === 'string'
  );
}

/** Whether a value could be a verifiable credential at all (else the request is malformed, not a failed check). */
export function looksLikeCredential(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) &&
    Array.isArray(value['@context']) &&
    value['@context'].length > 0 &&
    typesOf(value.type).length > 0
  );
}
