import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when typed from paper (no 0/O, 1/I/L). */
export const CERTIFICATE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CERTIFICATE_CODE_LENGTH = 10;
const CODE_PATTERN = /^[A-HJ-KM-NP-Z2-9]{10}$/;

/** A random verification code (10 of 31 symbols: about 2^49; unique in the table besides). */
export function newCertificateCode(): string {
  return Array.from(
    { length: CERTIFICATE_CODE_LENGTH },
    () => CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)],
  ).join('');
}

/** A code as typed by a person (spaces, lower case), or null when it cannot be one. */
export function normaliseCertificateCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** `LC-2569-000123`: the Buddhist Era year of issue (Bangkok) and the sequence's value. */
export function certificateNumber(issuedAt: Date, sequence: number | string): string {
  const year = new Date(issuedAt.getTime() + 7 * 60 * 60 * 1000).getUTCFullYear() + 543;
  return `LC-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Where a certificate's PDF is stored (keys are made by the platform, never from names). */
export function certificateStorageKey(eventId: string, certificateId: string): string {
  return `certificates/${eventId}/${certificateId}.pdf`;
}
