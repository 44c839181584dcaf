import { createPublicKey, hash, KeyObject, sign, verify } from 'node:crypto';

/**
 * The cryptography of the ledger's tamper evidence, all of it pure and documented for outside verifiers.
 * Binary values travel as lower-case hex everywhere (API, proofs, signed messages).
 *
 * Chain: `hash(n) = SHA-256(hash(prev) ‖ UTF-8(canonical JSON of transfer n))`, where prev is the previously
 * chained transfer (normally n − 1; sequence numbers skipped by rolled-back transactions are simply not in the
 * chain) and the first transfer's prev hash is 32 zero bytes.
 *
 * Blocks: a Merkle tree over the chain hashes of the block's transfers, in seq order:
 * - leaf = SHA-256(0x00 ‖ chain hash), node = SHA-256(0x01 ‖ left ‖ right) (domain separation, as RFC 6962);
 * - built level by level, pairing neighbours left to right; a level with an odd count promotes its last node
 *   unchanged to the next level (no duplication, so no two different leaf lists share a root);
 * - the root of a single leaf is that leaf's hash.
 * A block is signed with Ed25519 over `blockMessage(...)`; its public key is the raw 32-byte key in hex.
 */
export const ZERO_HASH = Buffer.alloc(32);
export const BLOCK_FORMAT = 'lc-ledger-block/1';

/*
 * Node's one-shot `crypto.hash` costs about half as much when it returns a string instead of allocating a
 * Buffer, and verification makes three calls per transfer. So the hot paths keep hashes as strings: chain
 * hashes as hex (as the database shows them), tree nodes as latin1 (one char per byte); inputs are assembled
 * in reused scratch buffers. The Buffer functions are the same computations for everyone else.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);
const treeScratch = Buffer.alloc(65);

/** chainHash over hex: SHA-256(prev ‖ UTF-8 JSON) as hex. */
export function chainHashHex(prevHex: string, canonicalJson: string): string {
  const most = 32 + canonicalJson.length * 3;
  if (most > scratch.length) scratch = Buffer.allocUnsafe(most);
  scratch.write(prevHex, 0, 32, 'hex');
  const length = 32 + scratch.write(canonicalJson, 32, 'utf8');
  return hash('sha256', scratch.subarray(0, length), 'hex');
}

export function chainHash(prevHash: Buffer, canonicalJson: string): Buffer {
  return Buffer.from(chainHashHex(prevHash.toString('hex'), canonicalJson), 'hex');
}

/** Leaf of a chain hash given as hex, as latin1. */
function leafOfHex(chainHashHexValue: string): string {
  treeScratch[0] = 0;
  treeScratch.write(chainHashHexValue, 1, 32, 'hex');
  return hash('sha256', treeScratch.subarray(0, 33), 'binary');
}

/** Node of two latin1 hashes, as latin1. */
function nodeOfLatin1(left: string, right: string): string {
  treeScratch[0] = 1;
  treeScratch.write(left, 1, 32, 'latin1');
  treeScratch.write(right, 33, 32, 'latin1');
  return hash('sha256', treeScratch, 'binary');
}

/** merkleRoot over chain hashes given as hex; the root as hex. */
export function merkleRootHex(chainHashesHex: readonly string[]): string {
  if (chainHashesHex.length === 0) throw new Error('A Merkle tree needs at least one leaf');
  let level = chainHashesHex.map(leafOfHex);
  while (level.length > 1) {
    const next: string[] = [];
    for (let index = 0; index < level.length; index += 2) {
      next.push(index + 1 < level.length ? nodeOfLatin1(level[index]!, level[index + 1]!) : level[index]!);
    }
    level = next;
  }
  return Buffer.from(level[0]!, 'latin1').toString('hex');
}

export function merkleLeaf(chainHashValue: Buffer): Buffer {
  return Buffer.from(leafOfHex(chainHashValue.toString('hex')), 'latin1');
}

export function merkleNode(left: Buffer, right: Buffer): Buffer {
  return Buffer.from(nodeOfLatin1(left.toString('latin1'), right.toString('latin1')), 'latin1');
}

export function merkleRoot(chainHashes: readonly Buffer[]): Buffer {
  return Buffer.from(merkleRootHex(chainHashes.map((h) => h.toString('hex'))), 'hex');
}

export interface MerkleStep {
  /** Where the sibling sits: combine as node(sibling, current) when 'left', node(current, sibling) when 'right'. */
  position: 'left' | 'right';
  hash: string;
}

/** The siblings from leaf `index` up to the root (levels where the node is promoted contribute no step). */
export function merklePath(chainHashes: readonly Buffer[], index: number): MerkleStep[] {
  if (index < 0 || index >= chainHashes.length) throw new Error('Leaf index out of range');
  const path: MerkleStep[] = [];
  let level = chainHashes.map(merkleLeaf);
  let position = index;
  while (level.length > 1) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) {
      path.push({ position: sibling < position ? 'left' : 'right', hash: level[sibling]!.toString('hex') });
    }
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? merkleNode(level[i]!, level[i + 1]!) : level[i]!);
    }
    level = next;
    position = Math.floor(position / 2);
  }
  return path;
}

/** Folds a path from a chain hash to the root it implies. */
export function rootFromPath(chainHashValue: Buffer, path: readonly MerkleStep[]): Buffer {
  let current = merkleLeaf(chainHashValue);
  for (const step of path) {
    const sibling = Buffer.from(step.hash, 'hex');
    if (sibling.length !== 32 || !/^[0-9a-f]{64}$/.test(step.hash))
      throw new Error('A Merkle step is 32 bytes of hex');
    current = step.position === 'left' ? merkleNode(sibling, current) : merkleNode(current, sibling);
  }
  return current;
}

export interface BlockHeader {
  blockNo: number;
  firstSeq: number;
  lastSeq: number;
  /** hex */
  merkleRoot: string;
  /** The chain hash of lastSeq, hex: it commits to every transfer up to there, not only this block's. */
  headHash: string;
}

/**
 * What a block's signature covers: the RFC 8785 (JCS) JSON of
 * `{blockNo, firstSeq, headHash, lastSeq, merkleRoot, type: "lc-ledger-block/1"}` with the numbers as decimal
 * strings and the hashes as lower-case hex, e.g.
 * `{"blockNo":"3","firstSeq":"1001","headHash":"ab…","lastSeq":"1500","merkleRoot":"cd…","type":"lc-ledger-block/1"}`.
 */
export function blockMessage(header: BlockHeader): string {
  return (
    `{"blockNo":"${header.blockNo}","firstSeq":"${header.firstSeq}","headHash":"${header.headHash.toLowerCase()}",` +
    `"lastSeq":"${header.lastSeq}","merkleRoot":"${header.merkleRoot.toLowerCase()}","type":"${BLOCK_FORMAT}"}`
  );
}

export function signBlock(privateKey: KeyObject, header: BlockHeader): string {
  return sign(null, Buffer.from(blockMessage(header), 'utf8'), privateKey).toString('hex');
}

/** The DER prefix that turns a raw 32-byte Ed25519 public key into SubjectPublicKeyInfo. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const publicKeys = new Map<string, KeyObject>();

/** A raw Ed25519 public key (hex) as a KeyObject; cached, blocks of one key share it. */
export function ed25519PublicKey(publicKeyHex: string): KeyObject {
  let key = publicKeys.get(publicKeyHex);
  if (!key) {
    const raw = Buffer.from(publicKeyHex, 'hex');
    if (raw.length !== 32 || raw.toString('hex') !== publicKeyHex.toLowerCase())
      throw new Error('An Ed25519 public key is 32 bytes (64 hex digits)');
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    if (publicKeys.size > 100) publicKeys.clear();
    publicKeys.set(publicKeyHex, key);
  }
  return key;
}

/** The PEM (SPKI) form of a raw public key, for tools such as `openssl pkeyutl -verify`. */
export function publicKeyPem(publicKeyHex: string): string {
  return ed25519PublicKey(publicKeyHex).export({ format: 'pem', type: 'spki' }).toString();
}

export function verifyBlockSignature(
  header: BlockHeader,
  signatureHex: string,
  publicKeyHex: string,
): boolean {
  try {
    const signature = Buffer.from(signatureHex, 'hex');
    if (signature.length !== 64) return false;
    return verify(null, Buffer.from(blockMessage(header), 'utf8'), ed25519PublicKey(publicKeyHex), signature);
  } catch {
    return false;
  }
}
