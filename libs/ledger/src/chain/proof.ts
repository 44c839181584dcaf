import { canonicalTransferJson, TRANSFER_KEYS } from './canonical';
import { BlockHeader, chainHash, MerkleStep, rootFromPath, verifyBlockSignature } from './chain-crypto';

export const PROOF_FORMAT = 'lc-ledger-proof/1';
/** An inclusion proof without the transfer's content (see RedactedLedgerProof). */
export const REDACTED_PROOF_FORMAT = 'lc-ledger-proof-redacted/1';

export interface SignedBlock extends BlockHeader {
  /** Ed25519 over blockMessage(header), hex. */
  signature: string;
  /** Raw 32-byte Ed25519 public key, hex. */
  publicKey: string;
  sealedAt: string;
}

/**
 * An inclusion proof: the transfer exactly as hashed, its place in the chain, its Merkle path and the signed
 * block. Anyone can check it with `verifyProof` (or by hand: see chain-crypto.ts and canonical.ts), against the
 * ledger's published public key (`GET /api/v1/ledger/head` shows it).
 */
export interface LedgerProof {
  format: typeof PROOF_FORMAT;
  transfer: { id: string; seq: number; canonicalJson: string };
  /** The chain hash of the previously chained transfer (32 zero bytes for the first), hex. */
  prevHash: string;
  /** SHA-256(prevHash ‖ canonicalJson), hex. */
  hash: string;
  /** The transfer's position among the block's leaves (0-based). */
  leafIndex: number;
  merklePath: MerkleStep[];
  block: SignedBlock;
}

/**
 * The inclusion proof shown to everyone but the member whose wallet the transfer touches and OBEC admins: the
 * transfer's chain hash (the Merkle leaf), its path and the signed block, without the transfer's content (who,
 * which accounts, amounts, balances, reasons) nor the previous hash. It proves that this chain hash is in a block
 * the ledger signed; that the hash is the named transfer's takes the full proof, which its member can share.
 */
export interface RedactedLedgerProof {
  format: typeof REDACTED_PROOF_FORMAT;
  transfer: { id: string; seq: number };
  /** The transfer's chain hash: the Merkle leaf, hex. */
  hash: string;
  leafIndex: number;
  merklePath: MerkleStep[];
  block: SignedBlock;
}

/** `redacted: true`: only the inclusion of the chain hash was checked (a redacted proof has no content). */
export type ProofCheck = { ok: true; redacted?: true } | { ok: false; reason: string };

const HEX32 = /^[0-9a-f]{64}$/;

/**
 * Pure: checks a proof end to end. `publicKey` (hex), when given, must be the key that signed the block. A
 * redacted proof is checked from its chain hash on (Merkle path, block range, head, signature).
 */
export function verifyProof(
  proof: LedgerProof | RedactedLedgerProof,
  options: { publicKey?: string } = {},
): ProofCheck {
  const fail = (reason: string): ProofCheck => ({ ok: false, reason });
  if (proof?.format === REDACTED_PROOF_FORMAT) {
    if (!HEX32.test(proof.hash)) return fail('malformed hash');
    const included = verifyInclusion(proof, options);
    return included.ok ? { ok: true, redacted: true } : included;
  }
  if (proof?.format !== PROOF_FORMAT) return fail('unknown proof format');
  const { transfer } = proof;
  if (!HEX32.test(proof.prevHash) || !HEX32.test(proof.hash)) return fail('malformed hash');
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(transfer.canonicalJson) as Record<string, unknown>;
  } catch {
    return fail('the transfer is not JSON');
  }
  const keys = Object.keys(parsed);
  if (keys.length !== TRANSFER_KEYS.length || keys.some((key, i) => key !== TRANSFER_KEYS[i]))
    return fail('the transfer does not have the canonical keys');
  const values = TRANSFER_KEYS.map((key) => parsed[key]);
  if (values.some((value) => value !== null && typeof value !== 'string'))
    return fail('the transfer has a value that is neither a string nor null');
  if (canonicalTransferJson(values as (string | null)[]) !== transfer.canonicalJson)
    return fail('the transfer is not in canonical form');
  if (parsed.seq !== String(transfer.seq) || parsed.id !== transfer.id)
    return fail('the transfer is not the one named');
  if (chainHash(Buffer.from(proof.prevHash, 'hex'), transfer.canonicalJson).toString('hex') !== proof.hash)
    return fail('the chain hash does not match the transfer');
  return verifyInclusion(proof, options);
}

/** From a (checked) chain hash to the signed block: range, head, Merkle path, key, signature. */
function verifyInclusion(
  proof: Pick<LedgerProof, 'hash' | 'merklePath' | 'block'> & { transfer: { seq: number } },
  options: { publicKey?: string },
): ProofCheck {
  const fail = (reason: string): ProofCheck => ({ ok: false, reason });
  const { transfer, block } = proof;
  if (transfer.seq < block.firstSeq || transfer.seq > block.lastSeq)
    return fail('the transfer is outside the block');
  if (transfer.seq === block.lastSeq && block.headHash !== proof.hash)
    return fail('the block head is not this transfer');
  let root: Buffer;
  try {
    root = rootFromPath(Buffer.from(proof.hash, 'hex'), proof.merklePath);
  } catch {
    return fail('malformed Merkle path');
  }
  if (root.toString('hex') !== block.merkleRoot)
    return fail('the Merkle path does not lead to the block root');
  if (options.publicKey !== undefined && options.publicKey.toLowerCase() !== block.publicKey.toLowerCase())
    return fail('the block is signed by another key');
  const header: BlockHeader = {
    blockNo: block.blockNo,
    firstSeq: block.firstSeq,
    lastSeq: block.lastSeq,
    merkleRoot: block.merkleRoot,
    headHash: block.headHash,
  };
  if (!verifyBlockSignature(header, block.signature, block.publicKey))
    return fail('the block signature is not valid');
  return { ok: true };
}
