/**
 * The ledger phase: the stream of ledger-stream.ts written with COPY, a chunk (a whole number of blocks) per
 * transaction: transfers, their hash chain, the sealed and signed blocks, and the redemptions (with their history
 * and voucher codes) whose holds are in the chunk. The chain is computed here with the ledger's own functions
 * (canonical JSON, chain hash, Merkle root, block signature), so `npm run ledger:verify` recomputes the same.
 * The last chunk also writes every account's balance, pending points, lifetime earnings and version.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { canonicalTransferJson, chainHashHex, parseSigningKey, TRANSFER_JSON_SQL } from '@lc/ledger';
// merkleRootHex and signBlock are not exported by @lc/ledger (its index offers chainHashHex, blockMessage and
// rootFromPath only): the block sealing below needs both, exactly as the worker's hasher computes them.
import { merkleRootHex, signBlock, ZERO_HASH } from '../../libs/ledger/src/chain/chain-crypto';
import { copyFrom, copyText, CopyBuffer } from './copy';
import {
  FixedKind,
  LedgerInputs,
  LedgerStream,
  Reason,
  TRANSFER_COLUMNS,
  TransferRow,
} from './ledger-stream';
import { Phase, SeedContext } from './phase';
import { partnerId, perkId, Plan } from './plan';
import { SCHEMA } from './sql-functions';
import { memberFilter } from './sql-phases';

/** The worker's hasher lock (libs/ledger/src/chain/ledger-hasher.ts): no hasher runs while a chunk is written. */
const HASHER_LOCK = 7_365_100_001;

/** The block signing key: LEDGER_SIGNING_KEY when set, else one derived from the seed (synthetic data only). */
export function seedSigningKey(seed: number) {
  const configured = process.env.LEDGER_SIGNING_KEY;
  if (configured) return parseSigningKey(configured);
  return parseSigningKey(createHash('sha256').update(`lc-seed-national:${seed}`).digest('base64'));
}

async function arrays(client: Client, sql: string, values: unknown[] = []): Promise<string[][]> {
  const result = await client.query<string[]>({
    text: sql,
    values,
    rowMode: 'array',
    types: { getTypeParser: () => (value: string) => value } as never,
  });
  return result.rows;
}

/** Reads what the stream needs from the tables seeded before it. */
export async function loadLedgerInputs(ctx: SeedContext, client: Client): Promise<LedgerInputs> {
  const { plan } = ctx;
  await client.query(`DROP TABLE IF EXISTS pg_temp.sn_member, pg_temp.sn_innovation, pg_temp.sn_fixed`);
  await client.query(
    `CREATE TEMP TABLE sn_member AS
       SELECT m.id, (row_number() OVER (ORDER BY m.id) - 1)::int AS pos, m.email,
              m.email_verified_at IS NOT NULL AND m.status = 'active' AND m.email NOT LIKE '%-staff%' AS earns,
              (extract(epoch FROM m.created_at) * 1000)::bigint AS ms
         FROM member m WHERE ${memberFilter(plan)}`,
  );
  await client.query(`CREATE UNIQUE INDEX ON sn_member (id)`);
  await client.query(
    `CREATE TEMP TABLE sn_innovation AS
       SELECT i.id, (row_number() OVER (ORDER BY i.published_at, i.id) - 1)::int AS pos, m.pos AS author, i.status,
              (extract(epoch FROM i.published_at) * 1000)::bigint AS pub_ms,
              (extract(epoch FROM i.updated_at) * 1000)::bigint AS updated_ms
         FROM innovation i JOIN sn_member m ON m.id = i.author_id WHERE i.status <> 'draft'`,
  );
  await client.query(`CREATE UNIQUE INDEX ON sn_innovation (id)`);
  await client.query(`ANALYZE sn_member`);
  await client.query(`ANALYZE sn_innovation`);

  const members = await arrays(
    client,
    `SELECT m.id::text, a.id::text, m.ms::text, m.earns::text, m.email
       FROM sn_member m LEFT JOIN ledger_account a ON a.kind = 'member' AND a.owner_id = m.id AND a.shard = 0
      ORDER BY m.pos`,
  );
  const memberIds = members.map((r) => r[0]!);
  const memberAccountIds = members.map((r) => {
    if (!r[1]) throw new Error(`member ${r[0]} has no ledger account: the accounts phase did not run`);
    return r[1];
  });
  const memberCreatedMs = Float64Array.from(members, (r) => Number(r[2]));
  const earners = Int32Array.from(members.flatMap((r, position) => (r[3] === 'true' ? [position] : [])));
  const partnerStaff = new Int32Array(plan.partners * plan.staffPerPartner);
  members.forEach((r, position) => {
    const staff = /-staff(\d+)@/.exec(r[4]!);
    if (!staff) return;
    const n = Number(staff[1]) - plan.members;
    if (n < partnerStaff.length) partnerStaff[n] = position;
  });

  const innovations = await arrays(
    client,
    `SELECT id::text, pub_ms::text, author::text FROM sn_innovation ORDER BY pos`,
  );

  await client.query(
    `CREATE TEMP TABLE sn_fixed AS
       SELECT (row_number() OVER (ORDER BY ms, kind, innovation, member, other) - 1)::int AS n, x.*
         FROM (
           SELECT pub_ms AS ms, ${FixedKind.Published} AS kind, author AS member, -1 AS other, pos AS innovation
             FROM sn_innovation
           UNION ALL
           SELECT updated_ms, CASE status WHEN 'hidden' THEN ${FixedKind.Hidden} ELSE ${FixedKind.Removed} END,
                  author, -1, pos
             FROM sn_innovation WHERE status IN ('hidden', 'removed')
           UNION ALL
           SELECT (extract(epoch FROM a.created_at) * 1000)::bigint, ${FixedKind.Adoption}, m.pos, i.author, i.pos
             FROM innovation_adoption a JOIN sn_innovation i ON i.id = a.innovation_id JOIN sn_member m ON m.id = a.member_id
           UNION ALL
           SELECT (extract(epoch FROM e.created_at) * 1000)::bigint, ${FixedKind.Endorsed}, i.author, m.pos, i.pos
             FROM endorsement e JOIN sn_innovation i ON i.id = e.innovation_id JOIN sn_member m ON m.id = e.staff_id
         ) x`,
  );
  const [count] = await arrays(client, `SELECT count(*)::text FROM sn_fixed`);
  const total = Number(count![0]);
  const fixed = {
    ms: new Float64Array(total),
    kind: new Uint8Array(total),
    member: new Int32Array(total),
    other: new Int32Array(total),
    innovation: new Int32Array(total),
  };
  const page = 200_000;
  for (let from = 0; from < total; from += page) {
    const rows = await arrays(
      client,
      `SELECT ms::text, kind::text, member::text, other::text, innovation::text FROM sn_fixed
        WHERE n >= $1 AND n < $2 ORDER BY n`,
      [from, from + page],
    );
    rows.forEach((r, index) => {
      const at = from + index;
      fixed.ms[at] = Number(r[0]);
      fixed.kind[at] = Number(r[1]);
      fixed.member[at] = Number(r[2]);
      fixed.other[at] = Number(r[3]);
      fixed.innovation[at] = Number(r[4]);
    });
  }

  const issuance = await arrays(
    client,
    `SELECT id::text FROM ledger_account WHERE kind = 'system_issuance' ORDER BY shard`,
  );
  if (issuance.length !== 16) throw new Error('Expected 16 system issuance shards (migration CreateLedger)');
  const partnerAccounts = await arrays(
    client,
    `SELECT owner_id::text, shard::text, id::text FROM ledger_account WHERE kind = 'partner' AND owner_id = ANY($1::uuid[])`,
    [Array.from({ length: plan.partners }, (_, p) => partnerId(plan, p))],
  );
  const partnerAccountIds = new Array<string>(plan.partners * 64);
  const partnerIndex = new Map(Array.from({ length: plan.partners }, (_, p) => [partnerId(plan, p), p]));
  for (const [owner, shard, id] of partnerAccounts)
    partnerAccountIds[partnerIndex.get(owner!)! * 64 + Number(shard)] = id!;

  const rules = new Map<string, Reason>();
  const points = new Map<string, number>();
  for (const [code, th, en, value] of await arrays(
    client,
    `SELECT code, name_th, name_en, points::text FROM ledger_rule`,
  )) {
    rules.set(code!, { code: code!, th: th!, en: en! });
    points.set(code!, Number(value));
  }
  const perkReasons: Reason[][] = [];
  const reasonRows = await arrays(
    client,
    `SELECT u.n::text, k.kind, r.code, r.th, r.en
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) JOIN perk p ON p.id = u.id
       CROSS JOIN unnest(ARRAY['hold', 'post', 'void']) WITH ORDINALITY AS k(kind, o)
       CROSS JOIN LATERAL marketplace_transfer_reason(k.kind, p.title_th, p.title_en) r
      ORDER BY u.n, k.o`,
    [plan.perks.map((perk) => perkId(plan, perk.index))],
  );
  for (const [n, , code, th, en] of reasonRows) {
    (perkReasons[Number(n) - 1] ??= []).push({ code: code!, th: th!, en: en! });
  }
  if (perkReasons.length !== plan.perks.length) throw new Error('The perks phase did not make every perk');

  const inputs: LedgerInputs = {
    memberIds,
    memberAccountIds,
    memberCreatedMs,
    earners,
    innovationIds: innovations.map((r) => r[0]!),
    innovationPubMs: Float64Array.from(innovations, (r) => Number(r[1])),
    innovationAuthor: Int32Array.from(innovations, (r) => Number(r[2])),
    fixed,
    issuanceAccountIds: issuance.map((r) => r[0]!),
    partnerAccountIds,
    partnerStaff,
    rules,
    points,
    perkReasons,
  };
  return inputs;
}

/** Fields of TRANSFER_COLUMNS that hold free text (the others are digits, uuids, timestamps or fixed words). */
const TEXT_FIELDS = new Set(
  ['idempotency_key', 'reason_code', 'reason_en', 'reason_th', 'source_id', 'source_type'].map((column) =>
    TRANSFER_COLUMNS.indexOf(column as (typeof TRANSFER_COLUMNS)[number]),
  ),
);

function copyLine(values: (string | null)[]): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? null;
    if (index > 0) line += '\t';
    line += value === null ? '\\N' : TEXT_FIELDS.has(index) ? copyText(value) : value;
  }
  return line;
}

const REDEMPTION_COLUMNS =
  'id, perk_id, partner_id, member_id, status, cost, hold_transfer_id, voucher_code, deadline_at, reject_reason, ' +
  'idempotency_key, request_hash, response, created_at, updated_at';

export function ledgerPhase(): Phase {
  let stream: LedgerStream | null = null;
  let prevHash = ZERO_HASH.toString('hex');
  let key: ReturnType<typeof seedSigningKey> | null = null;
  let checked = false;

  const bounds = (plan: Plan, chunk: number): [number, number] => [
    chunk * plan.chunks.transfers + 1,
    Math.min(plan.transfers, (chunk + 1) * plan.chunks.transfers),
  ];

  return {
    name: 'ledger',
    unit: 'transfers',
    chunks: (ctx) => Math.ceil(ctx.plan.transfers / ctx.plan.chunks.transfers),
    estimate: (ctx) => ctx.plan.transfers,
    async begin(ctx, pending) {
      const { plan } = ctx;
      const client = ctx.clients[0]!;
      const first = pending[0]!;
      const count = Math.ceil(plan.transfers / plan.chunks.transfers);
      if (pending.some((chunk, index) => chunk !== first + index) || pending.at(-1) !== count - 1)
        throw new Error('The ledger chunks written so far are not a prefix: the ledger cannot be resumed');
      const [fromSeq] = bounds(plan, first);
      const [[transfers, maxSeq]] = await arrays(
        client,
        `SELECT count(*)::text, coalesce(max(seq), 0)::text FROM ledger_transfer`,
      );
      if (Number(transfers) !== fromSeq - 1 || Number(maxSeq) !== fromSeq - 1)
        throw new Error(
          first === 0
            ? 'seed:national writes the whole ledger and needs an empty one: use a fresh database'
            : `The ledger holds ${transfers} transfers, expected ${fromSeq - 1} from the chunks recorded`,
        );
      key = seedSigningKey(plan.seed);
      ctx.log(`ledger: reading members, innovations, adoptions and endorsements`);
      const inputs = await loadLedgerInputs(ctx, client);
      stream = new LedgerStream(plan, inputs);
      if (first > 0) {
        ctx.log(`ledger: replaying ${fromSeq - 1} transfers already written to restore balances`);
        const row = new TransferRow();
        stream.replaying = true;
        while (stream.seq < fromSeq - 1) stream.next(row);
        stream.replaying = false;
        const [[hash, meta]] = await arrays(
          client,
          `SELECT encode(c.hash, 'hex'), p.meta::text FROM ledger_chain c, ${SCHEMA}.progress p
            WHERE c.seq = $1 AND p.phase = 'ledger' AND p.chunk = $2`,
          [fromSeq - 1, first - 1],
        );
        const expected = (JSON.parse(meta!) as { checksum: string }).checksum;
        if (stream.checksum() !== expected)
          throw new Error('Replaying the ledger gave a different state: the data set cannot be resumed');
        prevHash = hash!;
      }
    },
    async run(ctx, client, chunk) {
      const { plan } = ctx;
      const [from, to] = bounds(plan, chunk);
      const s = stream!;
      if (s.seq !== from - 1) throw new Error(`ledger chunk ${chunk} out of order`);
      await client.query(`SELECT pg_advisory_xact_lock($1)`, [HASHER_LOCK]);
      const row = new TransferRow();
      const chain: string[] = [];
      const blocks: string[] = [];
      const redemptions: string[] = [];
      const history: string[] = [];
      const vouchers: string[] = [];
      const samples = new Map<number, string>();
      let hashes: string[] = [];
      let lastCreatedMs = 0;
      const iso = (ms: number | null) => (ms === null ? '\\N' : new Date(ms).toISOString());

      await copyFrom(
        client,
        `COPY ledger_transfer (${TRANSFER_COLUMNS.join(', ')}) FROM STDIN`,
        async (write) => {
          const out = new CopyBuffer(write);
          for (let seq = from; seq <= to; seq++) {
            s.next(row);
            const json = canonicalTransferJson(row.values);
            const hash = chainHashHex(prevHash, json);
            prevHash = hash;
            if (seq === from || seq === to) samples.set(seq, json);
            hashes.push(hash);
            lastCreatedMs = Math.max(lastCreatedMs, row.createdMs);
            const blockNo = Math.ceil(seq / plan.blockSize);
            chain.push(`${seq}\t\\\\x${hash}\t${blockNo}`);
            if (seq % plan.blockSize === 0 || seq === plan.transfers) {
              const header = {
                blockNo,
                firstSeq: seq - hashes.length + 1,
                lastSeq: seq,
                merkleRoot: merkleRootHex(hashes),
                headHash: hash,
              };
              const signature = signBlock(key!.privateKey, header);
              blocks.push(
                [
                  blockNo,
                  header.firstSeq,
                  seq,
                  `\\\\x${header.merkleRoot}`,
                  `\\\\x${hash}`,
                  `\\\\x${signature}`,
                  key!.publicKey,
                  new Date(lastCreatedMs + 5000).toISOString(),
                ].join('\t'),
              );
              hashes = [];
            }
            const r = row.redemption;
            if (r) {
              redemptions.push(
                [
                  r.id,
                  r.perkId,
                  r.partnerId,
                  r.memberId,
                  r.status,
                  String(r.cost),
                  r.holdTransferId,
                  copyText(r.voucherCode),
                  iso(r.deadlineMs),
                  copyText(r.rejectReason),
                  copyText(r.idempotencyKey),
                  r.requestHash,
                  copyText(r.response),
                  iso(r.createdMs),
                  iso(r.updatedMs),
                ].join('\t'),
              );
              for (const [id, status, actor, note, at] of r.history) {
                history.push([id, r.id, status, copyText(actor), copyText(note), iso(at)].join('\t'));
              }
              if (r.voucherId)
                vouchers.push(
                  [r.voucherId, r.perkId, r.voucherCode, 'issued', r.id, iso(r.createdMs)].join('\t'),
                );
            }
            await out.line(copyLine(row.values));
          }
          await out.flush();
        },
      );
      const lines = (list: string[]) => async (write: (text: string) => Promise<void>) => {
        const out = new CopyBuffer(write);
        for (const line of list) await out.line(line);
        await out.flush();
      };
      await copyFrom(client, `COPY ledger_chain (seq, hash, block_no) FROM STDIN`, lines(chain));
      await copyFrom(
        client,
        `COPY ledger_block (block_no, first_seq, last_seq, merkle_root, head_hash, signature, public_key, sealed_at) FROM STDIN`,
        lines(blocks),
      );
      if (redemptions.length) {
        await copyFrom(client, `COPY redemption (${REDEMPTION_COLUMNS}) FROM STDIN`, lines(redemptions));
        await copyFrom(
          client,
          `COPY redemption_history (id, redemption_id, status, actor_id, note, at) FROM STDIN`,
          lines(history),
        );
      }
      if (vouchers.length)
        await copyFrom(
          client,
          `COPY voucher_code (id, perk_id, code, status, redemption_id, created_at) FROM STDIN`,
          lines(vouchers),
        );

      // The canonical JSON computed here must be the one the database gives (what the verifier reads).
      if (!checked) {
        const stored = await arrays(
          client,
          `SELECT t.seq::text, ${TRANSFER_JSON_SQL} FROM ledger_transfer t WHERE t.seq = ANY($1::bigint[])`,
          [[...samples.keys()]],
        );
        for (const [seq, json] of stored) {
          if (samples.get(Number(seq)) !== json)
            throw new Error(`The canonical form of transfer ${seq} differs from the database's: ${json}`);
        }
        checked = true;
      }
      await client.query(
        `SELECT setval(pg_get_serial_sequence('ledger_transfer', 'seq'), $1),
                setval(pg_get_serial_sequence('redemption_history', 'id'), greatest(1, $2))`,
        [to, s.historyRows],
      );
      if (to === plan.transfers) await writeBalances(client, s, ctx);
      return {
        rows: to - from + 1,
        meta: { lastSeq: to, headHash: prevHash, checksum: s.checksum(), redemptions: redemptions.length },
      };
    },
  };
}

/** Every account's state after the last transfer, as ledger_transfer would have left it. */
async function writeBalances(client: Client, s: LedgerStream, ctx: SeedContext): Promise<void> {
  const inputs = s.inputs;
  const ids: string[] = [];
  const balance: number[] = [];
  const pending: number[] = [];
  const lifetime: number[] = [];
  const version: number[] = [];
  inputs.memberAccountIds.forEach((id, position) => {
    if (s.version[position] === 0) return;
    ids.push(id);
    balance.push(s.balance[position]!);
    pending.push(s.pending[position]!);
    lifetime.push(s.lifetime[position]!);
    version.push(s.version[position]!);
  });
  inputs.issuanceAccountIds.forEach((id, shard) => {
    ids.push(id);
    balance.push(s.issuanceBalance[shard]!);
    pending.push(0);
    lifetime.push(0);
    version.push(s.issuanceVersion[shard]!);
  });
  inputs.partnerAccountIds.forEach((id, index) => {
    if (s.partnerVersion[index] === 0) return;
    ids.push(id);
    balance.push(s.partnerBalance[index]!);
    pending.push(0);
    lifetime.push(0);
    version.push(s.partnerVersion[index]!);
  });
  ctx.log(`ledger: writing the balances of ${ids.length} accounts`);
  await client.query(
    `UPDATE ledger_account a
        SET balance = u.balance, pending = u.pending, lifetime_earned = u.lifetime, version = u.version
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
         AS u(id, balance, pending, lifetime, version)
      WHERE a.id = u.id`,
    [ids, balance, pending, lifetime, version],
  );
}
