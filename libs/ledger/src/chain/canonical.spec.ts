import { createHash } from 'node:crypto';
import { canonicalTransferJson, TRANSFER_FORMAT, TRANSFER_KEYS, TransferRow } from './canonical';
import { chainHash, ZERO_HASH } from './chain-crypto';

/** A transfer row as the database gives it (TRANSFER_COLUMNS_SQL, key order). */
function sampleRow(overrides: Record<string, string | null> = {}): TransferRow {
  const values: Record<string, string | null> = {
    amount: '50',
    createdAt: '2026-01-15T03:04:05.678Z',
    createdBy: null,
    creditAccountId: '0190f6a0-0000-7000-8000-00000000c0de',
    creditBalanceAfter: '150',
    debitAccountId: '00000000-0000-7000-8000-000000000001',
    debitBalanceAfter: '-150',
    holdExpiresAt: null,
    id: '0190f6a0-1111-7000-8000-000000000042',
    idempotencyKey: 'award:innovation.published:42',
    kind: 'award',
    pendingId: null,
    reasonCode: 'innovation.published',
    reasonEn: 'Published an innovation',
    reasonTh: 'เผยแพร่นวัตกรรม "ครูสมใจ"',
    reversesId: null,
    seq: '42',
    sourceEventId: null,
    sourceId: null,
    sourceType: null,
    subjectInnovationId: null,
    ...overrides,
  };
  return TRANSFER_KEYS.map((key) => values[key]!);
}

describe('canonical transfer JSON (' + TRANSFER_FORMAT + ')', () => {
  it('has its keys in ascending code-point order (RFC 8785), 21 of them', () => {
    expect(TRANSFER_KEYS).toHaveLength(21);
    expect([...TRANSFER_KEYS].sort()).toEqual(TRANSFER_KEYS);
  });

  it('writes every key, nulls explicitly, strings escaped as JSON.stringify, no whitespace', () => {
    const json = canonicalTransferJson(sampleRow());
    expect(json.startsWith('{"amount":"50","createdAt":"2026-01-15T03:04:05.678Z","createdBy":null,')).toBe(
      true,
    );
    expect(json).toContain('"reasonTh":"เผยแพร่นวัตกรรม \\"ครูสมใจ\\""');
    expect(json).not.toMatch(/[\n ]"/);
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(TRANSFER_KEYS);
    // Equal to the canonical serialisation of the parsed object: key order kept, values unchanged.
    expect(JSON.stringify(parsed)).toBe(json);
  });

  it('reads a row at an offset (the verifier prefixes chain columns)', () => {
    const row = sampleRow();
    expect(canonicalTransferJson(['1', '\\x00', null, ...row], 3)).toBe(canonicalTransferJson(row));
  });

  it('is stable: a fixed transfer always hashes to the same value (outsiders rely on it)', () => {
    const json = canonicalTransferJson(sampleRow());
    expect(createHash('sha256').update(json).digest('hex')).toBe(SAMPLE_JSON_SHA256);
    expect(chainHash(ZERO_HASH, json).toString('hex')).toBe(
      createHash('sha256').update(Buffer.alloc(32)).update(json).digest('hex'),
    );
  });
});

const SAMPLE_JSON_SHA256 = '4fb2089d24a0cfb470827e26eff5f27bc9a93c164707f06d85e1da9c06bb75a8';
