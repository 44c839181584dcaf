import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { TRANSFER_JSON_SQL } from './canonical';
import {
  BlockHeader,
  chainHashHex,
  merkleRoot,
  merkleRootHex,
  verifyBlockSignature,
  ZERO_HASH,
} from './chain-crypto';
import { queryRows, RAW_TEXT, withPgClient } from './pg-client';

export type ChainProblem =
  | 'hash_mismatch'
  | 'transfer_missing'
  | 'transfer_not_in_chain'
  | 'block_membership'
  | 'block_range'
  | 'merkle_root_mismatch'
  | 'head_hash_mismatch'
  | 'bad_signature'
  | 'untrusted_key';

export interface ChainVerification {
  ok: boolean;
  /** Chained transfers recomputed and found matching (up to the first problem). */
  checked: number;
  /** The first seq that no longer matches: a changed transfer, a deleted one, or the first seq of a bad block. */
  firstBadSeq: number | null;
  problem: ChainProblem | null;
  /** Sealed blocks whose root and signature were checked. */
  blocks: number;
  /** Committed transfers after the chain's tip, not hashed yet: not an error. */
  unchained: number;
  durationMs: number;
}

export interface VerifyOptions {
  /** Block public keys (hex) to accept; when given, a block signed by any other key fails (`untrusted_key`). */
  trustedPublicKeys?: readonly string[];
  /** Seqs per query (keyset ranges on seq). */
  batchSize?: number;
  /** Connections reading ranges in parallel, in one exported snapshot (default 2: the server side of the work,
   * building each transfer's canonical JSON, then runs on two backends while this process hashes). */
  readers?: number;
}

interface StoredBlock {
  blockNo: number;
  firstSeq: number;
  lastSeq: number;
  merkleRoot: string;
  headHash: string;
  signature: string;
  publicKey: string;
}

/** Row layout of the walk: chain seq, chain hash, block_no, the transfer's canonical JSON (null when gone). */
const C_SEQ = 0;
const C_HASH = 1;
const C_BLOCK = 2;
const T_JSON = 3;

const WALK_SQL = `
  SELECT c.seq::text, c.hash, c.block_no::text, CASE WHEN t.seq IS NOT NULL THEN ${TRANSFER_JSON_SQL} END
    FROM ledger_chain c LEFT JOIN ledger_transfer t ON t.seq = c.seq AND t.seq > $1 AND t.seq <= $2
   WHERE c.seq > $1 AND c.seq <= $2
   ORDER BY c.seq`;
const COUNT_SQL = `SELECT count(*)::text FROM ledger_transfer WHERE seq > $1 AND seq <= $2`;
const UNCHAINED_SQL = `
  SELECT min(t.seq)::text FROM ledger_transfer t
   WHERE t.seq > $1 AND t.seq <= $2 AND NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.seq = t.seq)`;

const hex = (bytea: string) => bytea.slice(2);

class Bad extends Error {
  constructor(
    readonly seq: number,
    readonly problem: ChainProblem,
  ) {
    super(`${problem} at ${seq}`);
  }
}

/**
 * Recomputes the whole chain from the transfers, in seq order, in one read-only REPEATABLE READ snapshot:
 * every chain hash, every block's Merkle root, head hash and signature. Reports the first seq that no longer
 * matches:
 * - a transfer changed in place → its seq (`hash_mismatch`);
 * - a transfer deleted while its chain row stays → its seq (`transfer_missing`);
 * - a transfer and its chain row both deleted → the first missing seq: the next transfer's hash no longer
 *   follows. A seq gap alone is no proof, since rolled-back inserts leave gaps the hasher legitimately skipped;
 *   the stored chain hashes of the blocks around the gap decide: if they still give the signed Merkle roots no
 *   chain row is missing and the transfer after the gap is the changed one, otherwise (or while the gap is in
 *   the not yet sealed tail) the gap is named;
 * - a transfer inside the chained range that the chain never saw → its seq (`transfer_not_in_chain`);
 * - a block whose rows, root, head or signature (or key, with trustedPublicKeys) fail → its first seq.
 * Transfers after the chain's tip are only counted (`unchained`): the hasher hasn't reached them yet.
 */
export async function verifyChain(
  dataSource: DataSource,
  options: VerifyOptions = {},
): Promise<ChainVerification> {
  const started = performance.now();
  // Never more readers than a small pool can spare (waiting for a connection that never frees would hang).
  const poolSize = (dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10;
  const readers = poolSize < 4 ? 1 : Math.max(1, Math.min(options.readers ?? 2, 4));
  return withPgClients(dataSource, readers, async (clients) => {
    const [main] = clients as [PoolClient, ...PoolClient[]];
    try {
      // One snapshot for every reader (exported by the first, as pg_dump's parallel workers do).
      await main.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [[snapshot]] = await queryRows(main, `SELECT pg_export_snapshot()`);
      for (const client of clients.slice(1)) {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
      // Room to order a range's rows in memory whatever plan the statistics lead to.
      for (const client of clients) await client.query(`SET LOCAL work_mem = '64MB'`);
      const result = await walk(clients, options);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } finally {
      for (const client of clients) await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/** `count` pooled connections at once (released together). */
async function withPgClients<T>(
  dataSource: DataSource,
  count: number,
  work: (clients: PoolClient[]) => Promise<T>,
): Promise<T> {
  const take = (taken: PoolClient[]): Promise<T> =>
    taken.length === count ? work(taken) : withPgClient(dataSource, (client) => take([...taken, client]));
  return take([]);
}

interface Range {
  from: number;
  to: number;
  rows: (string | null)[][];
  transfers: number;
}

async function walk(
  clients: PoolClient[],
  options: VerifyOptions,
): Promise<Omit<ChainVerification, 'durationMs'>> {
  const client = clients[0]!;
  const batchSize = options.batchSize ?? 10_000;
  const trusted = options.trustedPublicKeys
    ? new Set(options.trustedPublicKeys.map((k) => k.toLowerCase()))
    : null;
  const [[tipText]] = await queryRows(client, `SELECT max(seq)::text FROM ledger_chain`);
  const tip = tipText === null ? 0 : Number(tipText);
  const [[unchainedText]] = await queryRows(
    client,
    `SELECT count(*)::text FROM ledger_transfer WHERE seq > $1`,
    [tip],
  );
  const unchained = Number(unchainedText);

  let checked = 0;
  let blocksChecked = 0;
  let prev = ZERO_HASH.toString('hex');
  let prevSeq = 0;
  const blocks = new BlockStream(client);
  let block = await blocks.next();
  let leaves: string[] = [];

  // Ranges of seqs are read by the readers in turn, each keeping one range in flight, so the server builds
  // the next ranges (on as many backends) while this loop hashes the current one.
  let nextFrom = 0;
  let launched = 0;
  const inFlight: Promise<Range>[] = [];
  const launch = () => {
    if (nextFrom >= tip) return;
    const from = nextFrom;
    const to = Math.min(from + batchSize, tip);
    nextFrom = to;
    const reader = clients[launched++ % clients.length]!;
    const range = Promise.all([
      reader.query<(string | null)[]>({
        text: WALK_SQL,
        values: [from, to],
        rowMode: 'array',
        types: RAW_TEXT,
      }),
      queryRows(reader, COUNT_SQL, [from, to]),
    ]).then(([{ rows }, [[count]]]) => ({ from, to, rows, transfers: Number(count) }));
    // Handled when its turn comes; meanwhile a failure must not count as an unhandled rejection.
    range.catch(() => undefined);
    inFlight.push(range);
  };
  for (let i = 0; i < clients.length; i++) launch();

  try {
    while (inFlight.length) {
      const { from, to, rows, transfers } = await inFlight.shift()!;
      launch();
      // A transfer of the range that the chain skipped (all transfers up to the tip are chained).
      let notInChain = Infinity;
      if (transfers !== rows.reduce((n, row) => (row[T_JSON] === null ? n : n + 1), 0)) {
        const [[first]] = await queryRows(client, UNCHAINED_SQL, [from, to]);
        if (first !== null) notInChain = Number(first);
      }
      for (const row of rows) {
        const seq = Number(row[C_SEQ]);
        if (seq > notInChain) throw new Bad(notInChain, 'transfer_not_in_chain');
        const json = row[T_JSON];
        if (json === null) throw new Bad(seq, 'transfer_missing');
        const hash = chainHashHex(prev, json);
        if (hash !== hex(row[C_HASH]!)) {
          if (seq > prevSeq + 1 && (await chainRowMissing(client, prevSeq, seq))) {
            throw new Bad(prevSeq + 1, 'transfer_missing');
          }
          throw new Bad(seq, 'hash_mismatch');
        }
        // Blocks: the row belongs to the current block when inside its range, else it must be unsealed.
        const blockNo = row[C_BLOCK];
        if (block && seq >= block.firstSeq) {
          if (leaves.length === 0 && seq !== block.firstSeq) throw new Bad(block.firstSeq, 'block_range');
          if (seq > block.lastSeq) throw new Bad(block.firstSeq, 'block_range');
          if (blockNo === null || Number(blockNo) !== block.blockNo) throw new Bad(seq, 'block_membership');
          leaves.push(hash);
          if (seq === block.lastSeq) {
            checkBlock(block, leaves, hash, trusted);
            blocksChecked++;
            leaves = [];
            const next = await blocks.next();
            if (next && (next.blockNo !== block.blockNo + 1 || next.firstSeq <= block.lastSeq)) {
              throw new Bad(next.firstSeq, 'block_range');
            }
            block = next;
          }
        } else if (blockNo !== null || block) {
          // Sealed into a block that isn't there, or left unsealed before a later block.
          throw new Bad(seq, 'block_membership');
        }
        prev = hash;
        prevSeq = seq;
        checked++;
      }
      if (notInChain !== Infinity) throw new Bad(notInChain, 'transfer_not_in_chain');
    }
    if (block) throw new Bad(block.firstSeq, 'block_range');
    return { ok: true, checked, firstBadSeq: null, problem: null, blocks: blocksChecked, unchained };
  } catch (error) {
    // Ranges may still be in flight: let them finish before the connections are released.
    await Promise.all(inFlight.map((range) => range.catch(() => undefined)));
    if (!(error instanceof Bad)) throw error;
    return {
      ok: false,
      checked,
      firstBadSeq: error.seq,
      problem: error.problem,
      blocks: blocksChecked,
      unchained,
    };
  }
}

function checkBlock(block: StoredBlock, leaves: string[], head: string, trusted: Set<string> | null): void {
  const header: BlockHeader = {
    blockNo: block.blockNo,
    firstSeq: block.firstSeq,
    lastSeq: block.lastSeq,
    merkleRoot: block.merkleRoot,
    headHash: block.headHash,
  };
  if (merkleRootHex(leaves) !== block.merkleRoot) throw new Bad(block.firstSeq, 'merkle_root_mismatch');
  if (head !== block.headHash) throw new Bad(block.firstSeq, 'head_hash_mismatch');
  if (trusted && !trusted.has(block.publicKey.toLowerCase())) throw new Bad(block.firstSeq, 'untrusted_key');
  if (!verifyBlockSignature(header, block.signature, block.publicKey))
    throw new Bad(block.firstSeq, 'bad_signature');
}

/**
 * The transfer after a gap (prevSeq, seq) doesn't follow the chain: either a chained row inside the gap was
 * deleted (true: name the gap's first seq) or the gap was skipped legitimately and the transfer at seq was
 * changed (false). The stored chain hashes of the sealed blocks on both sides tell: they still give the signed
 * roots, from first to last seq, only if no chain row went missing. In the unsealed tail nothing tells: true.
 */
async function chainRowMissing(client: PoolClient, prevSeq: number, seq: number): Promise<boolean> {
  const rows = await queryRows(
    client,
    `SELECT DISTINCT block_no::text FROM ledger_chain WHERE seq IN ($1, $2)`,
    [prevSeq, seq],
  );
  const blockNos = rows.map(([no]) => no);
  if (blockNos.length === 0 || blockNos.includes(null)) return true;
  for (const blockNo of blockNos) {
    const [stored] = await queryRows(
      client,
      `SELECT first_seq::text, last_seq::text, merkle_root FROM ledger_block WHERE block_no = $1`,
      [blockNo],
    );
    if (!stored) return true;
    const chain = await queryRows(
      client,
      `SELECT c.seq::text, c.hash FROM ledger_chain c WHERE c.block_no = $1 ORDER BY c.seq`,
      [blockNo],
    );
    const intact =
      chain.length > 0 &&
      chain[0]![0] === stored[0] &&
      chain.at(-1)![0] === stored[1] &&
      merkleRoot(chain.map(([, hash]) => Buffer.from(hex(hash!), 'hex'))).toString('hex') === hex(stored[2]!);
    if (!intact) return true;
  }
  return false;
}

/** Blocks in block_no order, fetched a thousand at a time. */
class BlockStream {
  private buffer: StoredBlock[] = [];
  private after = 0;
  private done = false;

  constructor(private readonly client: PoolClient) {}

  async next(): Promise<StoredBlock | null> {
    if (this.buffer.length === 0 && !this.done) {
      const rows = await queryRows(
        this.client,
        `SELECT block_no::text, first_seq::text, last_seq::text, merkle_root, head_hash, signature, public_key
           FROM ledger_block b WHERE b.block_no > $1 ORDER BY b.block_no LIMIT 1000`,
        [this.after],
      );
      this.done = rows.length < 1000;
      this.buffer = rows.map((row) => ({
        blockNo: Number(row[0]),
        firstSeq: Number(row[1]),
        lastSeq: Number(row[2]),
        merkleRoot: hex(row[3]!),
        headHash: hex(row[4]!),
        signature: hex(row[5]!),
        publicKey: row[6]!,
      }));
      if (this.buffer.length) this.after = this.buffer.at(-1)!.blockNo;
    }
    return this.buffer.shift() ?? null;
  }
}

/**
 * Full-chain verification speed, in transfers per second, in steady state: one pass first (it opens the
 * readers' connections, warms the caches and sets the hint bits of freshly written rows, work a first read
 * does once), then passes until at least `minDurationMs` have gone by; checked transfers ÷ time. Read-only;
 * measures what is chained, and fails if the chain doesn't verify.
 */
export async function measureVerificationRate(
  dataSource: DataSource,
  options: VerifyOptions & { minDurationMs?: number } = {},
): Promise<number> {
  const minDurationMs = options.minDurationMs ?? 1_000;
  const check = async () => {
    const result = await verifyChain(dataSource, options);
    if (!result.ok)
      throw new Error(`the chain does not verify: ${result.problem} at seq ${result.firstBadSeq}`);
    return result.checked;
  };
  if ((await check()) === 0) return 0;
  let checked = 0;
  const started = performance.now();
  do checked += await check();
  while (performance.now() - started < minDurationMs);
  return checked / ((performance.now() - started) / 1000);
}
