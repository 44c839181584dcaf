import { canonicalTransferJson, TRANSFER_KEYS } from './canonical';
import { chainHash, merklePath, merkleRoot, signBlock, ZERO_HASH } from './chain-crypto';
import { LedgerProof, PROOF_FORMAT, REDACTED_PROOF_FORMAT, RedactedLedgerProof, verifyProof } from './proof';
import { ephemeralSigningKey } from './signing-key';

/** A small signed block of 7 transfers (seq 11…17, 13 missing: a rolled-back insert), built as the hasher does. */
function signedBlock() {
  const key = ephemeralSigningKey();
  const seqs = [11, 12, 14, 15, 16, 17, 18];
  let prev: Buffer = Buffer.from('11'.repeat(32), 'hex'); // the chain before this block
  const transfers = seqs.map((seq) => {
    const values: Record<string, string | null> = Object.fromEntries(TRANSFER_KEYS.map((k) => [k, null]));
    Object.assign(values, {
      seq: String(seq),
      id: `0190f6a0-0000-7000-8000-0000000000${seq}`,
      amount: String(seq * 2),
      kind: 'award',
      createdAt: '2026-01-15T03:04:05.678Z',
      debitAccountId: '00000000-0000-7000-8000-000000000001',
      creditAccountId: '0190f6a0-0000-7000-8000-00000000c0de',
      debitBalanceAfter: String(-seq),
      creditBalanceAfter: String(seq),
      idempotencyKey: `k${seq}`,
      reasonCode: 'test',
      reasonTh: 'ทดสอบ',
      reasonEn: 'test',
    });
    const canonicalJson = canonicalTransferJson(TRANSFER_KEYS.map((k) => values[k]!));
    const prevHash = prev;
    const hash = chainHash(prev, canonicalJson);
    prev = hash;
    return { seq, id: values.id!, canonicalJson, prevHash, hash };
  });
  const hashes = transfers.map((t) => t.hash);
  const header = {
    blockNo: 2,
    firstSeq: 11,
    lastSeq: 18,
    merkleRoot: merkleRoot(hashes).toString('hex'),
    headHash: hashes.at(-1)!.toString('hex'),
  };
  const block = {
    ...header,
    signature: signBlock(key.privateKey, header),
    publicKey: key.publicKey,
    sealedAt: '2026-01-15T03:04:15.000Z',
  };
  const proofOf = (index: number): LedgerProof => ({
    format: PROOF_FORMAT,
    transfer: {
      id: transfers[index]!.id,
      seq: transfers[index]!.seq,
      canonicalJson: transfers[index]!.canonicalJson,
    },
    prevHash: transfers[index]!.prevHash.toString('hex'),
    hash: transfers[index]!.hash.toString('hex'),
    leafIndex: index,
    merklePath: merklePath(hashes, index),
    block,
  });
  return { key, proofOf, count: transfers.length };
}

describe('verifyProof', () => {
  const { key, proofOf, count } = signedBlock();

  it('accepts the proof of every transfer in a block, against the signing key', () => {
    for (let index = 0; index < count; index++) {
      expect(verifyProof(proofOf(index), { publicKey: key.publicKey })).toEqual({ ok: true });
    }
  });

  it('accepts a proof that went through JSON (as the API serves it)', () => {
    const proof = JSON.parse(JSON.stringify(proofOf(3))) as LedgerProof;
    expect(verifyProof(proof).ok).toBe(true);
  });

  it('rejects a changed amount, even re-canonicalised', () => {
    const proof = proofOf(2);
    const changed = JSON.parse(proof.transfer.canonicalJson) as Record<string, string | null>;
    changed.amount = '1000';
    const canonicalJson = canonicalTransferJson(TRANSFER_KEYS.map((k) => changed[k]!));
    expect(verifyProof({ ...proof, transfer: { ...proof.transfer, canonicalJson } })).toEqual({
      ok: false,
      reason: 'the chain hash does not match the transfer',
    });
  });

  it('rejects a recomputed hash that the Merkle path does not support', () => {
    const proof = proofOf(2);
    const changed = JSON.parse(proof.transfer.canonicalJson) as Record<string, string | null>;
    changed.amount = '1000';
    const canonicalJson = canonicalTransferJson(TRANSFER_KEYS.map((k) => changed[k]!));
    const hash = chainHash(Buffer.from(proof.prevHash, 'hex'), canonicalJson).toString('hex');
    const result = verifyProof({ ...proof, hash, transfer: { ...proof.transfer, canonicalJson } });
    expect(result).toEqual({ ok: false, reason: 'the Merkle path does not lead to the block root' });
  });

  it('rejects tampering anywhere else', () => {
    const proof = proofOf(4);
    const bad: [string, LedgerProof][] = [
      ['prev hash', { ...proof, prevHash: ZERO_HASH.toString('hex') }],
      [
        'whitespace',
        { ...proof, transfer: { ...proof.transfer, canonicalJson: proof.transfer.canonicalJson + ' ' } },
      ],
      ['another seq', { ...proof, transfer: { ...proof.transfer, seq: 12 } }],
      [
        'a sibling',
        {
          ...proof,
          merklePath: [{ ...proof.merklePath[0]!, hash: 'ab'.repeat(32) }, ...proof.merklePath.slice(1)],
        },
      ],
      ['a dropped step', { ...proof, merklePath: proof.merklePath.slice(1) }],
      ['the root', { ...proof, block: { ...proof.block, merkleRoot: 'ab'.repeat(32) } }],
      ['the block range', { ...proof, block: { ...proof.block, lastSeq: 19 } }],
      ['the signature', { ...proof, block: { ...proof.block, signature: '00'.repeat(64) } }],
      ['the key', { ...proof, block: { ...proof.block, publicKey: ephemeralSigningKey().publicKey } }],
    ];
    for (const [what, tampered] of bad) {
      expect({ what, ok: verifyProof(tampered).ok }).toEqual({ what, ok: false });
    }
  });

  it('rejects a block signed by a key other than the expected one', () => {
    expect(verifyProof(proofOf(0), { publicKey: ephemeralSigningKey().publicKey })).toEqual({
      ok: false,
      reason: 'the block is signed by another key',
    });
  });

  describe('redacted (no transfer content)', () => {
    const redacted = (index: number): RedactedLedgerProof => {
      const { transfer, hash, leafIndex, merklePath: path, block } = proofOf(index);
      return {
        format: REDACTED_PROOF_FORMAT,
        transfer: { id: transfer.id, seq: transfer.seq },
        hash,
        leafIndex,
        merklePath: path,
        block,
      };
    };

    it('checks the inclusion of every leaf and says the content was not checked', () => {
      for (let index = 0; index < count; index++) {
        expect(verifyProof(redacted(index), { publicKey: key.publicKey })).toEqual({
          ok: true,
          redacted: true,
        });
      }
    });

    it('rejects another leaf, path, root, range, signature or key', () => {
      const proof = redacted(count - 1);
      const bad: [string, RedactedLedgerProof][] = [
        ['another leaf', { ...proof, hash: redacted(0).hash }],
        ['malformed leaf', { ...proof, hash: 'xyz' }],
        ['a dropped step', { ...proof, merklePath: proof.merklePath.slice(1) }],
        ['the root', { ...proof, block: { ...proof.block, merkleRoot: 'ab'.repeat(32) } }],
        ['outside the block', { ...proof, transfer: { ...proof.transfer, seq: 99 } }],
        ['the signature', { ...proof, block: { ...proof.block, signature: '00'.repeat(64) } }],
      ];
      for (const [what, tampered] of bad) {
        expect({ what, ok: verifyProof(tampered).ok }).toEqual({ what, ok: false });
      }
      expect(verifyProof(proof, { publicKey: ephemeralSigningKey().publicKey }).ok).toBe(false);
    });
  });
});
