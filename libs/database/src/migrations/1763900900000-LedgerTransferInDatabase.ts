import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's transfer rules move into the database, as one function that every write path calls:
 * `LedgerService.transfer` (awards, adjustments, settlements, the hold sweep) and SQL write paths such as a
 * batch of redemptions. One implementation of the rules, next to the constraints that back them, and one round
 * trip per call instead of one per step (each was a network write on both sides: that, not the work, was most
 * of a transfer's cost).
 * - `ledger_lock_accounts`: locks accounts in id order (no deadlocks between callers), making missing owned ones.
 * - `ledger_transfer(specs)`: locks, checks idempotency keys after locking (a repeat answers created = false),
 *   applies each transfer in order (holds, posts and voids exactly once, a member's spendable points never below
 *   zero), appends the transfers and keeps balances, pending and versions on the account rows.
 * Refusals are raised with SQLSTATE LC001 and the error code as the message. Functions run as their caller
 * (`lc_app`), so the append-only rules (no UPDATE or DELETE of transfers) bind them too.
 *
 * Plans: the functions plan their statements once per connection (generic plans; with array parameters
 * PostgreSQL would otherwise plan them again on every call, which cost more than running them), and every
 * statement is a lookup by key, so they may only use index scans in nested loops: a plan made while the tables
 * were empty must not scan them whole once they hold millions of rows (it did, before: seq scans and hash joins).
 */
export class LedgerTransferInDatabase1763900900000 implements MigrationInterface {
  name = 'LedgerTransferInDatabase1763900900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- UUIDv7 (RFC 9562) for rows made inside the database, like the application's ids: time-ordered.
      CREATE FUNCTION lc_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(
          set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
            PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
            52, 1), 53, 1), 'hex')::uuid
      $$`);
    await queryRunner.query(`
      -- The shard a member's transfers use on a striped account: the last 16 bits of the member's id.
      CREATE FUNCTION ledger_shard_of(member uuid, shards int) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ((get_byte(uuid_send(member), 14) * 256 + get_byte(uuid_send(member), 15)) % shards)::smallint
      $$`);
    await queryRunner.query(`
      CREATE TYPE ledger_transfer_spec AS (
        id uuid,
        idempotency_key text,
        debit_kind text,
        debit_owner uuid,
        credit_kind text,
        credit_owner uuid,
        amount bigint,
        kind text,
        pending_id uuid,
        reverses_id uuid,
        reason_code text,
        reason_th text,
        reason_en text,
        source_event_id uuid,
        source_type text,
        source_id text,
        subject_innovation_id uuid,
        hold_expires_at timestamptz,
        created_by uuid
      )`);
    await queryRunner.query(`
      -- Locks accounts in id order for the rest of the transaction, by (kind, owner, shard) or by id; owned accounts
      -- that don't exist yet are made first (only the missing ones: an INSERT … ON CONFLICT on an existing row would
      -- wait for every transaction that changed it).
      CREATE FUNCTION ledger_lock_accounts(kinds text[], owners uuid[], shards smallint[], ids uuid[] DEFAULT '{}')
      RETURNS SETOF ledger_account LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      BEGIN
        -- Usually every account exists: a look costs less than an INSERT that inserts nothing.
        IF EXISTS (SELECT 1 FROM unnest(kinds, owners, shards) AS o(kind, owner_id, shard)
                   WHERE o.owner_id IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM ledger_account a WHERE a.kind = o.kind AND a.owner_id = o.owner_id AND a.shard = o.shard)) THEN
          INSERT INTO ledger_account (id, kind, owner_id, shard)
          SELECT lc_uuidv7(), o.kind, o.owner_id, o.shard
          FROM (SELECT DISTINCT * FROM unnest(kinds, owners, shards) AS u(kind, owner_id, shard)) o
          WHERE o.owner_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.kind = o.kind AND a.owner_id = o.owner_id AND a.shard = o.shard)
          ON CONFLICT (kind, owner_id, shard) DO NOTHING;
        END IF;
        RETURN QUERY
          SELECT * FROM ledger_account WHERE id = ANY(ARRAY(
            SELECT a.id FROM ledger_account a JOIN unnest(kinds, owners, shards) AS o(kind, owner_id, shard)
              ON a.kind = o.kind AND a.owner_id = o.owner_id AND a.shard = o.shard
            UNION ALL
            SELECT a.id FROM ledger_account a JOIN unnest(kinds, owners, shards) AS s(kind, owner_id, shard)
              ON s.owner_id IS NULL AND a.owner_id IS NULL AND a.kind = s.kind AND a.shard = s.shard
            UNION ALL
            SELECT unnest(ids)))
          ORDER BY id FOR UPDATE;
      END $$`);
    await queryRunner.query(`
      -- The only way points move (LedgerService.transfer calls it; so do the database's own write paths). One call
      -- is all or nothing within the caller's transaction: accounts locked in id order, idempotency keys checked after
      -- locking (a repeat returns the first transfer's id with created = false), transfers appended, balances, pending
      -- and versions kept on the account rows. A member's spendable points never go below zero.
      CREATE FUNCTION ledger_transfer(specs ledger_transfer_spec[])
      RETURNS TABLE (idempotency_key text, id uuid, created boolean)
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE
        n int := coalesce(cardinality(specs), 0);
        s ledger_transfer_spec;
        i int; d int; c int; hp int; hold_amount bigint;
        -- Each transfer's accounts as (kind, owner, shard), resolved before any lock; no kind when a post or void
        -- resolves a hold made earlier (it moves points between that hold's accounts).
        dk text[]; dow uuid[]; dsh smallint[]; ck text[]; cow uuid[]; csh smallint[];
        hold_of int[];   -- a post or void of a hold made in this call: that hold's place
        first_of int[];  -- the first transfer of this call with the same key
        -- Holds made earlier that this call resolves.
        ext_ids uuid[]; ext_amounts bigint[]; ext_debits uuid[]; ext_credits uuid[];
        -- The locked accounts, in id order, and where each transfer's accounts are among them.
        acc_ids uuid[]; acc_kinds text[]; acc_keys text[]; bal bigint[]; pend bigint[]; life bigint[]; touched boolean[];
        dpos int[]; cpos int[];
        existing uuid[];
        -- What each transfer comes to: its id, whether it is new, its accounts and their balances after it.
        res_id uuid[]; res_new boolean[]; t_debit uuid[]; t_credit uuid[]; t_debit_after bigint[]; t_credit_after bigint[];
      BEGIN
        IF n = 0 THEN RETURN; END IF;
        SELECT array_agg(r.dk ORDER BY r.i), array_agg(r.dow ORDER BY r.i), array_agg(r.dsh ORDER BY r.i),
               array_agg(r.ck ORDER BY r.i), array_agg(r.cow ORDER BY r.i), array_agg(r.csh ORDER BY r.i),
               array_agg(r.hold_of ORDER BY r.i), array_agg(r.first_of ORDER BY r.i)
          INTO dk, dow, dsh, ck, cow, csh, hold_of, first_of
        FROM (
          SELECT x.i, x.hold_of, min(x.i) OVER (PARTITION BY x.key) AS first_of,
                 CASE WHEN x.external THEN NULL ELSE x.debit_kind END AS dk,
                 CASE WHEN x.external OR x.debit_kind LIKE 'system_%' THEN NULL ELSE x.debit_owner END AS dow,
                 (CASE x.debit_kind
                    WHEN 'partner' THEN CASE WHEN x.credit_kind = 'member' THEN ledger_shard_of(x.credit_owner, 64) ELSE 0 END
                    WHEN 'system_issuance' THEN CASE WHEN x.credit_kind = 'member' THEN ledger_shard_of(x.credit_owner, 16) ELSE 0 END
                    ELSE 0 END)::smallint AS dsh,
                 CASE WHEN x.external THEN NULL ELSE x.credit_kind END AS ck,
                 CASE WHEN x.external OR x.credit_kind LIKE 'system_%' THEN NULL ELSE x.credit_owner END AS cow,
                 (CASE x.credit_kind
                    WHEN 'partner' THEN CASE WHEN x.debit_kind = 'member' THEN ledger_shard_of(x.debit_owner, 64) ELSE 0 END
                    WHEN 'system_issuance' THEN CASE WHEN x.debit_kind = 'member' THEN ledger_shard_of(x.debit_owner, 16) ELSE 0 END
                    ELSE 0 END)::smallint AS csh
          FROM (
            SELECT g.i, (specs[g.i]).idempotency_key AS key, (specs[g.i]).debit_kind, (specs[g.i]).debit_owner,
                   (specs[g.i]).credit_kind, (specs[g.i]).credit_owner, h.k AS hold_of,
                   (specs[g.i]).kind IN ('post', 'void') AND h.k IS NULL AS external
            FROM generate_subscripts(specs, 1) AS g(i)
            LEFT JOIN LATERAL (
              SELECT y.k FROM generate_subscripts(specs, 1) AS y(k)
              WHERE (specs[g.i]).kind IN ('post', 'void') AND (specs[y.k]).kind = 'hold'
                AND (specs[y.k]).id = (specs[g.i]).pending_id
              LIMIT 1) h ON true) x) r;

        -- Open holds resolved by this call that were made earlier: their accounts, by id (their rows never change).
        IF EXISTS (SELECT 1 FROM generate_subscripts(specs, 1) AS g(i)
                   WHERE (specs[g.i]).kind IN ('post', 'void') AND hold_of[g.i] IS NULL) THEN
          SELECT array_agg(t.id), array_agg(t.amount), array_agg(t.debit_account_id), array_agg(t.credit_account_id)
            INTO ext_ids, ext_amounts, ext_debits, ext_credits
          FROM ledger_transfer t
          WHERE t.id = ANY(ARRAY(SELECT (specs[g.i]).pending_id FROM generate_subscripts(specs, 1) AS g(i)
                                 WHERE (specs[g.i]).kind IN ('post', 'void') AND hold_of[g.i] IS NULL))
            AND (t.kind || '') = 'hold' AND NOT EXISTS (SELECT 1 FROM ledger_transfer x WHERE x.pending_id = t.id);
          FOR i IN 1..n LOOP
            CONTINUE WHEN NOT ((specs[i]).kind IN ('post', 'void') AND hold_of[i] IS NULL);
            CONTINUE WHEN (specs[i]).pending_id = ANY(coalesce(ext_ids, '{}'));
            IF EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.id = (specs[i]).pending_id AND t.kind = 'hold') THEN
              RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_RESOLVED';
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND';
          END LOOP;
        END IF;

        SELECT array_agg(a.id ORDER BY a.id), array_agg(a.kind ORDER BY a.id),
               array_agg(a.kind || ':' || coalesce(a.owner_id::text, '') || '#' || a.shard ORDER BY a.id),
               array_agg(a.balance ORDER BY a.id), array_agg(a.pending ORDER BY a.id), array_agg(a.lifetime_earned ORDER BY a.id)
          INTO acc_ids, acc_kinds, acc_keys, bal, pend, life
        FROM ledger_lock_accounts(
          ARRAY(SELECT dk[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE dk[g.i] IS NOT NULL
                UNION ALL SELECT ck[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE ck[g.i] IS NOT NULL),
          ARRAY(SELECT dow[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE dk[g.i] IS NOT NULL
                UNION ALL SELECT cow[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE ck[g.i] IS NOT NULL),
          ARRAY(SELECT dsh[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE dk[g.i] IS NOT NULL
                UNION ALL SELECT csh[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE ck[g.i] IS NOT NULL),
          coalesce(ext_debits, '{}') || coalesce(ext_credits, '{}')) a;

        -- Where each transfer's accounts are, and which keys were used before (checked now that the accounts are
        -- locked: a concurrent call with the same key has committed or given up by now).
        SELECT array_agg(CASE WHEN dk[g.i] IS NULL
                              THEN array_position(acc_ids, ext_debits[array_position(ext_ids, (specs[g.i]).pending_id)])
                              ELSE array_position(acc_keys, dk[g.i] || ':' || coalesce(dow[g.i]::text, '') || '#' || dsh[g.i]) END
                         ORDER BY g.i),
               array_agg(CASE WHEN ck[g.i] IS NULL
                              THEN array_position(acc_ids, ext_credits[array_position(ext_ids, (specs[g.i]).pending_id)])
                              ELSE array_position(acc_keys, ck[g.i] || ':' || coalesce(cow[g.i]::text, '') || '#' || csh[g.i]) END
                         ORDER BY g.i),
               array_agg(t.id ORDER BY g.i)
          INTO dpos, cpos, existing
        FROM generate_subscripts(specs, 1) AS g(i)
        LEFT JOIN LATERAL (
          SELECT t.id FROM ledger_transfer t WHERE t.idempotency_key = (specs[g.i]).idempotency_key) t ON true;

        touched := array_fill(false, ARRAY[cardinality(acc_ids)]);
        res_id := array_fill(NULL::uuid, ARRAY[n]); res_new := array_fill(NULL::boolean, ARRAY[n]);
        t_debit := res_id; t_credit := res_id;
        t_debit_after := array_fill(NULL::bigint, ARRAY[n]); t_credit_after := t_debit_after;
        FOR i IN 1..n LOOP
          IF existing[i] IS NOT NULL THEN res_id[i] := existing[i]; res_new[i] := false; CONTINUE; END IF;
          IF first_of[i] <> i THEN res_id[i] := res_id[first_of[i]]; res_new[i] := false; CONTINUE; END IF;
          s := specs[i];
          IF s.amount IS NULL OR s.amount <= 0 THEN
            RAISE EXCEPTION 'Transfer amounts are whole numbers above zero: %', s.amount;
          END IF;
          IF s.kind IN ('post', 'void') THEN
            hp := hold_of[i];
            IF hp IS NOT NULL THEN
              -- A hold of this call: it must have been made (not a repeat) before this resolves it.
              IF res_new[hp] IS NOT TRUE THEN RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND'; END IF;
              d := dpos[hp]; c := cpos[hp]; hold_amount := (specs[hp]).amount;
            ELSE
              d := dpos[i]; c := cpos[i]; hold_amount := ext_amounts[array_position(ext_ids, s.pending_id)];
            END IF;
            IF hold_amount <> s.amount THEN
              RAISE EXCEPTION 'A post or void must match its hold: same accounts and amount';
            END IF;
            pend[d] := pend[d] - s.amount;
            IF s.kind = 'post' THEN bal[d] := bal[d] - s.amount; bal[c] := bal[c] + s.amount; END IF;
          ELSE
            d := dpos[i]; c := cpos[i];
            IF s.kind = 'hold' THEN
              pend[d] := pend[d] + s.amount;
            ELSE
              bal[d] := bal[d] - s.amount; bal[c] := bal[c] + s.amount;
            END IF;
            IF s.kind IN ('award', 'adjustment') AND acc_kinds[c] = 'member' THEN
              life[c] := life[c] + s.amount;
            ELSIF s.kind = 'reversal' AND acc_kinds[d] = 'member' THEN
              life[d] := greatest(0, life[d] - s.amount);
            END IF;
            IF bal[d] - pend[d] < 0 AND acc_kinds[d] NOT LIKE 'system_%' THEN
              RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_INSUFFICIENT_POINTS';
            END IF;
          END IF;
          touched[d] := true; touched[c] := true;
          res_id[i] := s.id; res_new[i] := true; t_debit[i] := acc_ids[d]; t_credit[i] := acc_ids[c];
          t_debit_after[i] := bal[d]; t_credit_after[i] := bal[c];
        END LOOP;

        IF true = ANY(res_new) THEN
          INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind, pending_id,
            reverses_id, reason_code, reason_th, reason_en, source_event_id, source_type, source_id, subject_innovation_id,
            hold_expires_at, debit_balance_after, credit_balance_after, created_by)
          SELECT (specs[g.k]).id, (specs[g.k]).idempotency_key, t_debit[g.k], t_credit[g.k], (specs[g.k]).amount,
            (specs[g.k]).kind, (specs[g.k]).pending_id, (specs[g.k]).reverses_id, (specs[g.k]).reason_code,
            (specs[g.k]).reason_th, (specs[g.k]).reason_en, (specs[g.k]).source_event_id, (specs[g.k]).source_type,
            (specs[g.k]).source_id, (specs[g.k]).subject_innovation_id, (specs[g.k]).hold_expires_at, t_debit_after[g.k],
            t_credit_after[g.k], (specs[g.k]).created_by
          FROM generate_subscripts(specs, 1) AS g(k) WHERE res_new[g.k]
          ORDER BY g.k;
          UPDATE ledger_account a SET balance = u.balance, pending = u.pending, lifetime_earned = u.lifetime, version = a.version + 1
          FROM unnest(acc_ids, bal, pend, life, touched) AS u(id, balance, pending, lifetime, touched)
          WHERE a.id = u.id AND u.touched;
        END IF;
        RETURN QUERY SELECT (specs[g.k]).idempotency_key, res_id[g.k], res_new[g.k]
                     FROM generate_subscripts(specs, 1) AS g(k) ORDER BY g.k;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ledger_transfer(ledger_transfer_spec[])`);
    await queryRunner.query(`DROP FUNCTION ledger_lock_accounts(text[], uuid[], smallint[], uuid[])`);
    await queryRunner.query(`DROP TYPE ledger_transfer_spec`);
    await queryRunner.query(`DROP FUNCTION ledger_shard_of(uuid, int)`);
    await queryRunner.query(`DROP FUNCTION lc_uuidv7()`);
  }
}
