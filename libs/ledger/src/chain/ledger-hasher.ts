import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { TRANSFER_JSON_SQL } from './canonical';
import { BlockHeader, chainHashHex, merkleRootHex, signBlock, ZERO_HASH } from './chain-crypto';
import { queryRows, withPgClient } from './pg-client';
import { LedgerSigningKey } from './signing-key';

export const LEDGER_SIGNING_KEY = Symbol('LEDGER_SIGNING_KEY');

/** Only one hasher at a time, whatever the number of worker replicas (transaction-scoped advisory lock). */
const HASHER_LOCK = 7_365_100_001;

export interface HasherStep {
  /** Transfers appended to the chain by this step. */
  chained: number;
  /** Blocks sealed by this step. */
  sealed: number;
  /** The first missing seq the chain is waiting for (an open transaction, or a gap not yet known final). */
  waitingFor: number | null;
  /** Another hasher held the lock: this step did nothing. */
  busy: boolean;
}

interface Pending {
  seq: number;
  /** hex */
  hash: string;
  createdAtMs: number;
  stored: boolean;
  blockNo: number | null;
}

/** A bytea as the server prints it (`\\x…`) → hex. */
const hex = (bytea: string) => bytea.slice(2);

/**
 * Chains committed transfers in seq order, off the request path: hash(n) = SHA-256(hash(prev) ‖ canonical JSON),
 * then seals blocks of LEDGER_BLOCK_SIZE transfers, or fewer once the oldest unsealed transfer is
 * LEDGER_BLOCK_SECONDS old, with a Merkle root signed by the configured Ed25519 key.
 *
 * Only a contiguous prefix is ever chained. Seq values are taken at INSERT but become visible at COMMIT, so a
 * lower seq can appear after a higher one, and rolled-back inserts leave seqs that never appear. When the next
 * row is not `tip + 1`, the missing seq g is either still in flight or lost for good, and the hasher decides
 * which from PostgreSQL's transaction snapshots:
 * - When it first sees the gap it notes X = pg_snapshot_xmax(pg_current_snapshot()) taken *after* reading the
 *   rows. g was handed out before the higher seq that is visible (the identity sequence has CACHE 1, so values
 *   are handed out in order across sessions), so the transaction holding g already existed; if it had an xid
 *   by then, that xid is < X.
 * - In a later step it takes a snapshot *before* reading the rows; if its xmin ≥ X every transaction with an
 *   xid < X has ended, so a committed g would be visible to the read that follows. If g is still missing it
 *   was rolled back, and the chain skips it.
 * - The one case the xid cannot cover is a transaction that took g but had no xid yet when X was noted: an
 *   INSERT computes its identity value just before its first heap write assigns the xid (microseconds), and
 *   LedgerService locks the accounts (which assigns the xid) before it inserts. `gapGraceMs` (5 s) since the
 *   first sighting covers that window with a wide margin.
 * A long-running writing transaction anywhere on the server therefore delays the chain past a real gap (safe,
 * not live); a gap that is merely in flight never needs the rule, because the row shows up once committed.
 * The gap sightings live in memory: after a restart a gap is simply observed again.
 */
@Injectable()
export class LedgerHasher {
  private readonly logger = new Logger(LedgerHasher.name);
  /** Minimum time between first seeing a gap and treating it as final (see above). */
  gapGraceMs = 5_000;
  /** Transfers read per step. */
  batchSize = 5_000;
  private readonly gaps = new Map<number, { seenAt: number; xmax: bigint }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LEDGER_SIGNING_KEY) private readonly key: LedgerSigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get publicKey(): string {
    return this.key.publicKey;
  }

  /** Steps until nothing is left to chain or seal (or the chain waits on a gap). `flush` seals partial blocks too. */
  async catchUp(options: { flush?: boolean } = {}): Promise<{ chained: number; sealed: number }> {
    let chained = 0;
    let sealed = 0;
    for (let round = 0; round < 100_000; round++) {
      const step = await this.step(options);
      chained += step.chained;
      sealed += step.sealed;
      if (step.busy || (step.chained === 0 && step.sealed === 0)) break;
    }
    return { chained, sealed };
  }

  /** One transaction: chain what can be chained (up to batchSize), seal what is due. */
  async step(options: { flush?: boolean } = {}): Promise<HasherStep> {
    return withPgClient(this.dataSource, async (client) => {
      await client.query('BEGIN');
      try {
        const result = await this.stepIn(client, options.flush ?? false);
        await client.query(result.busy ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async stepIn(client: PoolClient, flush: boolean): Promise<HasherStep> {
    const [[locked]] = (await queryRows(client, `SELECT pg_try_advisory_xact_lock($1)`, [HASHER_LOCK])) as [
      [string],
    ];
    if (locked !== 't') return { chained: 0, sealed: 0, waitingFor: null, busy: true };

    // Snapshot before the read (finality of gaps seen earlier), the read, snapshot after (new sightings).
    const [[xminBefore]] = await queryRows(client, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text`);
    const tipRows = await queryRows(
      client,
      `SELECT c.seq::text, c.hash FROM ledger_chain c ORDER BY c.seq DESC LIMIT 1`,
    );
    const tipSeq = tipRows[0] ? Number(tipRows[0][0]) : 0;
    let prev = tipRows[0] ? hex(tipRows[0][1]!) : ZERO_HASH.toString('hex');
    const rows = await queryRows(
      client,
      `SELECT t.seq::text, (extract(epoch FROM t.created_at) * 1000)::bigint::text, ${TRANSFER_JSON_SQL}
         FROM ledger_transfer t WHERE t.seq > $1 ORDER BY t.seq LIMIT $2`,
      [tipSeq, this.batchSize],
    );
    const [[xmaxAfter, nowMs]] = await queryRows(
      client,
      `SELECT pg_snapshot_xmax(pg_current_snapshot())::text, (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text`,
    );

    const fresh: Pending[] = [];
    let expected = tipSeq + 1;
    let waitingFor: number | null = null;
    for (const [seqText, createdAtMs, json] of rows) {
      const seq = Number(seqText);
      if (seq !== expected) {
        if (!this.gapIsFinal(expected, BigInt(xminBefore!), BigInt(xmaxAfter!))) {
          waitingFor = expected;
          break;
        }
        this.logger.warn(
          { from: expected, to: seq - 1 },
          'ledger chain: skipping seqs of rolled-back inserts',
        );
      }
      const hash = chainHashHex(prev, json!);
      fresh.push({
        seq,
        hash,
        createdAtMs: Number(createdAtMs),
        stored: false,
        blockNo: null,
      });
      prev = hash;
      expected = seq + 1;
    }
    for (const seq of this.gaps.keys()) if (seq < expected) this.gaps.delete(seq);

    const sealed = await this.seal(client, fresh, Number(nowMs), flush);
    if (fresh.length) {
      await client.query(
        `INSERT INTO ledger_chain (seq, hash, block_no)
         SELECT s, decode(h, 'hex'), b FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS x(s, h, b)`,
        [fresh.map((item) => item.seq), fresh.map((item) => item.hash), fresh.map((item) => item.blockNo)],
      );
    }
    return { chained: fresh.length, sealed: sealed.length, waitingFor, busy: false };
  }

  private gapIsFinal(seq: number, xminBefore: bigint, xmaxAfter: bigint): boolean {
    const seen = this.gaps.get(seq);
    if (!seen) {
      this.gaps.set(seq, { seenAt: Date.now(), xmax: xmaxAfter });
      return false;
    }
    if (xminBefore >= seen.xmax && Date.now() - seen.seenAt >= this.gapGraceMs) {
      this.gaps.delete(seq);
      return true;
    }
    return false;
  }

  /** Seals full blocks, and a partial one when due: stores the blocks, marks stored rows, sets `blockNo` on fresh ones. */
  private async seal(
    client: PoolClient,
    fresh: Pending[],
    nowMs: number,
    flush: boolean,
  ): Promise<BlockHeader[]> {
    const stored = await queryRows(
      client,
      `SELECT c.seq::text, c.hash, (extract(epoch FROM t.created_at) * 1000)::bigint::text
         FROM ledger_chain c LEFT JOIN ledger_transfer t ON t.seq = c.seq
        WHERE c.block_no IS NULL ORDER BY c.seq`,
    );
    const pending: Pending[] = [
      ...stored.map(([seq, hash, createdAt]) => ({
        seq: Number(seq),
        hash: hex(hash!),
        createdAtMs: createdAt === null ? 0 : Number(createdAt),
        stored: true,
        blockNo: null,
      })),
      ...fresh,
    ];
    if (pending.length === 0) return [];
    const [last] = await queryRows(
      client,
      `SELECT b.block_no::text FROM ledger_block b ORDER BY b.block_no DESC LIMIT 1`,
    );
    let blockNo = last ? Number(last[0]) : 0;
    const size = this.config.LEDGER_BLOCK_SIZE;
    const blocks: { header: BlockHeader; items: Pending[] }[] = [];
    for (let start = 0; start < pending.length; start += size) {
      const items = pending.slice(start, start + size);
      const due = flush || nowMs - items[0]!.createdAtMs >= this.config.LEDGER_BLOCK_SECONDS * 1000;
      if (items.length < size && !due) break;
      const hashes = items.map((item) => item.hash);
      ++blockNo;
      for (const item of items) item.blockNo = blockNo;
      blocks.push({
        items,
        header: {
          blockNo,
          firstSeq: items[0]!.seq,
          lastSeq: items.at(-1)!.seq,
          merkleRoot: merkleRootHex(hashes),
          headHash: items.at(-1)!.hash,
        },
      });
    }
    if (blocks.length === 0) return [];
    const headers = blocks.map((block) => block.header);
    await client.query(
      `INSERT INTO ledger_block (block_no, first_seq, last_seq, merkle_root, head_hash, signature, public_key)
       SELECT n, f, l, decode(r, 'hex'), decode(h, 'hex'), decode(s, 'hex'), $7
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS x(n, f, l, r, h, s)`,
      [
        headers.map((h) => h.blockNo),
        headers.map((h) => h.firstSeq),
        headers.map((h) => h.lastSeq),
        headers.map((h) => h.merkleRoot),
        headers.map((h) => h.headHash),
        headers.map((h) => signBlock(this.key.privateKey, h)),
        this.key.publicKey,
      ],
    );
    for (const { header, items } of blocks) {
      const storedItems = items.filter((item) => item.stored);
      if (storedItems.length === 0) continue;
      await client.query(
        `UPDATE ledger_chain SET block_no = $1 WHERE seq BETWEEN $2 AND $3 AND block_no IS NULL`,
        [header.blockNo, storedItems[0]!.seq, storedItems.at(-1)!.seq],
      );
    }
    this.logger.debug({ blocks: headers.length, lastSeq: headers.at(-1)!.lastSeq }, 'ledger blocks sealed');
    return headers;
  }
}
