/**
 * Every error a person can read has a stable English code (never renamed) and a Thai and an English text.
 * Each domain library registers its own codes with `defineErrors` next to the code that throws them.
 */
export interface ErrorDefinition {
  status: number;
  th: string;
  en: string;
}

/**
 * The registered codes, as types: each `*-errors.ts` adds its codes here (declaration merging, see
 * `declare module '@lc/core'` beside each defineErrors call), so `new DomainError('TYPO')` fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegisteredErrorCodes {}

/** A code registered with defineErrors somewhere in the code base. */
export type ErrorCode = keyof RegisteredErrorCodes;

const catalogue = new Map<string, ErrorDefinition>();

export function defineErrors<Codes extends string>(
  definitions: Record<Codes, ErrorDefinition>,
): Record<Codes, Codes> {
  const codes = {} as Record<Codes, Codes>;
  for (const [code, definition] of Object.entries(definitions) as [Codes, ErrorDefinition][]) {
    const existing = catalogue.get(code);
    if (existing && (existing.status !== definition.status || existing.en !== definition.en)) {
      throw new Error(`Error code ${code} is defined twice with different meanings`);
    }
    catalogue.set(code, definition);
    codes[code] = code;
  }
  return codes;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return catalogue.get(code);
}

/** For a code that arrives as text (from the database, a stored outcome): true when it is registered. */
export function isErrorCode(code: string): code is ErrorCode {
  return catalogue.has(code);
}

export const CoreErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง', en: 'The request data is not valid' },
  MALFORMED_JSON: { status: 400, th: 'รูปแบบ JSON ไม่ถูกต้อง', en: 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, th: 'คำขอไม่ถูกต้อง', en: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, th: 'กรุณาเข้าสู่ระบบ', en: 'Authentication is required' },
  FORBIDDEN: { status: 403, th: 'คุณไม่มีสิทธิ์ดำเนินการนี้', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, th: 'ไม่พบสิ่งที่ต้องการ', en: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, th: 'ไม่รองรับวิธีการเรียกนี้', en: 'Method not allowed' },
  CONFLICT: { status: 409, th: 'ข้อมูลขัดแย้งกับสถานะปัจจุบัน', en: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, th: 'ข้อมูลมีขนาดใหญ่เกินไป', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, th: 'ไม่รองรับชนิดของข้อมูลนี้', en: 'Unsupported media type' },
  UNPROCESSABLE: { status: 422, th: 'ไม่สามารถดำเนินการตามคำขอได้', en: 'The request cannot be processed' },
  TOO_MANY_REQUESTS: {
    status: 429,
    th: 'มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง',
    en: 'Too many requests; try again later',
  },
  INTERNAL_ERROR: {
    status: 500,
    th: 'ระบบขัดข้อง กรุณาลองใหม่ภายหลัง',
    en: 'Something went wrong on our side; please try again later',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    th: 'ระบบไม่พร้อมให้บริการชั่วคราว',
    en: 'The service is temporarily unavailable',
  },
  PAGINATION_INVALID_CURSOR: { status: 400, th: 'ตัวชี้หน้าไม่ถูกต้อง', en: 'The page cursor is not valid' },
});

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegisteredErrorCodes extends Record<keyof typeof CoreErrors, true> {}
