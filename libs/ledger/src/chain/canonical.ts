/**
 * The canonical form of a transfer: the exact bytes the hash chain covers. Outsiders recompute hashes from it,
 * so it never changes meaning (a new form would get a new format name).
 *
 * Format `lc-ledger-transfer/1`:
 * - a JSON object with exactly the 21 keys below, in ascending code-point order of the key (which is also the
 *   order RFC 8785, JSON Canonicalization Scheme, prescribes), no whitespace;
 * - every value is a JSON string or `null` (explicit, never omitted):
 *   - integers (seq, amount, balances) as base-10 strings without sign padding or leading zeros (`"-150"`),
 *   - uuids lower case with hyphens,
 *   - timestamps as ISO 8601 UTC with exactly three fraction digits, `YYYY-MM-DDTHH:mm:ss.SSSZ`; the database
 *     keeps microseconds, the canonical form truncates them to milliseconds,
 *   - texts as they are stored, escaped as JSON.stringify / RFC 8785 do (non-ASCII kept as UTF-8, only `"`,
 *     `\\` and control characters escaped);
 * - encoded as UTF-8 for hashing.
 * Because every value is a string or null and the keys are ASCII, any RFC 8785 implementation produces the
 * same bytes from the parsed object.
 */
export const TRANSFER_FORMAT = 'lc-ledger-transfer/1';

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_MS})`;

/**
 * [JSON key, SQL expression over `t` (ledger_transfer) giving the value as text or NULL, whether the value is
 * free text (may need JSON escaping) rather than digits, a uuid or a timestamp].
 */
const FIELDS: readonly (readonly [string, string, boolean])[] = [
  ['amount', 't.amount::text', false],
  ['createdAt', iso('t.created_at'), false],
  ['createdBy', 't.created_by::text', false],
  ['creditAccountId', 't.credit_account_id::text', false],
  ['creditBalanceAfter', 't.credit_balance_after::text', false],
  ['debitAccountId', 't.debit_account_id::text', false],
  ['debitBalanceAfter', 't.debit_balance_after::text', false],
  ['holdExpiresAt', iso('t.hold_expires_at'), false],
  ['id', 't.id::text', false],
  ['idempotencyKey', 't.idempotency_key', true],
  ['kind', 't.kind', true],
  ['pendingId', 't.pending_id::text', false],
  ['reasonCode', 't.reason_code', true],
  ['reasonEn', 't.reason_en', true],
  ['reasonTh', 't.reason_th', true],
  ['reversesId', 't.reverses_id::text', false],
  ['seq', 't.seq::text', false],
  ['sourceEventId', 't.source_event_id::text', false],
  ['sourceId', 't.source_id', true],
  ['sourceType', 't.source_type', true],
  ['subjectInnovationId', 't.subject_innovation_id::text', false],
];

export const TRANSFER_KEYS: readonly string[] = FIELDS.map(([key]) => key);

/** The SELECT list (over `ledger_transfer t`) whose row, fetched as an array, `canonicalTransferJson` takes. */
export const TRANSFER_COLUMNS_SQL = FIELDS.map(([, sql]) => sql).join(', ');

/**
 * One SQL expression (over `ledger_transfer t`) that yields the canonical JSON itself, built by the server:
 * the hasher, the verifier and proofs use it, so the verifier's loop only hashes. PostgreSQL's `to_json(text)`
 * escapes exactly as JSON.stringify does for valid UTF-8 text (`\"`, `\\`, `\b \f \n \r \t`, other
 * control characters as lower-case `\u00xx`, nothing else), and the other fields never need escaping; the
 * e2e suite checks it equals `canonicalTransferJson` on hostile text.
 */
export const TRANSFER_JSON_SQL =
  FIELDS.map(
    ([key, sql, text], index) =>
      `'${index === 0 ? '{' : ','}"${key}":' || ` +
      (text ? `coalesce(to_json(${sql})::text, 'null')` : `coalesce('"' || ${sql} || '"', 'null')`),
  ).join(' || ') + ` || '}'`;

export type TransferRow = (string | null)[];

const PREFIXES = FIELDS.map(([key], index) => `${index === 0 ? '{' : ','}${JSON.stringify(key)}:`);
const FIELD_COUNT = FIELDS.length;

/**
 * The canonical JSON of one transfer row (see the format above), read from `row[offset…]`. A tight loop:
 * verification runs it for every transfer.
 */
export function canonicalTransferJson(row: TransferRow, offset = 0): string {
  let json = '';
  for (let index = 0; index < FIELD_COUNT; index++) {
    const value = row[offset + index];
    json += PREFIXES[index]! + (value === null || value === undefined ? 'null' : JSON.stringify(value));
  }
  return json + '}';
}
