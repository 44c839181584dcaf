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
 * (`lc_app`), so the append-only rules (no UPDATE or DELETE of transfers) bind them too. The functions plan
 * their statements once (generic plans): with array parameters PostgreSQL would otherwise plan them again on
 * every call.
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
      RETURNS SETOF ledger_account LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $$
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
      RETURNS TABLE (idempotency_key text, id uuid, created boolean) LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $$
      DECLARE
        n int := coalesce(cardinality(specs), 0);
        s ledger_transfer_spec;
        i int;
        -- Each transfer's accounts as (kind, owner, shard); NULL kind when a post or void takes its hold's accounts.
        dk text[]; dow uuid[]; dsh smallint[]; ck text[]; cow uuid[]; csh smallint[];
        external uuid[] := '{}';
        lk text[] := '{}'; lo uuid[] := '{}'; ls smallint[] := '{}';
        hold_debit_ids uuid[] := '{}'; hold_credit_ids uuid[] := '{}';
        h record;
        hold_ids uuid[] := '{}'; hold_amounts bigint[] := '{}'; hold_debits int[] := '{}'; hold_credits int[] := '{}';
        acc_ids uuid[]; acc_kinds text[]; acc_keys text[]; bal bigint[]; pend bigint[]; life bigint[]; touched boolean[];
        keys_found text[]; ids_found uuid[];
        seen_keys text[] := '{}'; seen_ids uuid[] := '{}';
        d int; c int; hp int; pos int;
        -- What each new transfer adds to its spec: the accounts and their balances after it.
        t_new boolean[]; t_debit uuid[]; t_credit uuid[]; t_debit_after bigint[]; t_credit_after bigint[];
      BEGIN
        IF n = 0 THEN RETURN; END IF;
        dk := array_fill(NULL::text, ARRAY[n]); dow := array_fill(NULL::uuid, ARRAY[n]); dsh := array_fill(0::smallint, ARRAY[n]);
        ck := dk; cow := dow; csh := dsh;
        FOR i IN 1..n LOOP
          s := specs[i];
          IF s.kind IN ('post', 'void') AND NOT EXISTS (SELECT 1 FROM unnest(specs) x WHERE x.id = s.pending_id AND x.kind = 'hold') THEN
            external := external || s.pending_id;
            CONTINUE;
          END IF;
          dk[i] := s.debit_kind; dow[i] := s.debit_owner; ck[i] := s.credit_kind; cow[i] := s.credit_owner;
          dsh[i] := CASE s.debit_kind
            WHEN 'partner' THEN CASE WHEN s.credit_kind = 'member' THEN ledger_shard_of(s.credit_owner, 64) ELSE 0 END
            WHEN 'system_issuance' THEN CASE WHEN s.credit_kind = 'member' THEN ledger_shard_of(s.credit_owner, 16) ELSE 0 END
            ELSE 0 END;
          csh[i] := CASE s.credit_kind
            WHEN 'partner' THEN CASE WHEN s.debit_kind = 'member' THEN ledger_shard_of(s.debit_owner, 64) ELSE 0 END
            WHEN 'system_issuance' THEN CASE WHEN s.debit_kind = 'member' THEN ledger_shard_of(s.debit_owner, 16) ELSE 0 END
            ELSE 0 END;
          IF dk[i] LIKE 'system_%' THEN dow[i] := NULL; END IF;
          IF ck[i] LIKE 'system_%' THEN cow[i] := NULL; END IF;
          lk := lk || dk[i] || ck[i]; lo := lo || dow[i] || cow[i]; ls := ls || dsh[i] || csh[i];
        END LOOP;

        -- Open holds resolved by this call that were made earlier: their accounts, by id (their rows never change).
        IF cardinality(external) > 0 THEN
          FOR h IN
            SELECT t.id, t.amount, t.debit_account_id, t.credit_account_id FROM ledger_transfer t
            WHERE t.id = ANY(external) AND (t.kind || '') = 'hold'
              AND NOT EXISTS (SELECT 1 FROM ledger_transfer x WHERE x.pending_id = t.id)
          LOOP
            hold_ids := hold_ids || h.id; hold_amounts := hold_amounts || h.amount;
            hold_debit_ids := hold_debit_ids || h.debit_account_id; hold_credit_ids := hold_credit_ids || h.credit_account_id;
          END LOOP;
          FOR i IN 1..cardinality(external) LOOP
            IF NOT external[i] = ANY(hold_ids) THEN
              IF EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.id = external[i] AND t.kind = 'hold') THEN
                RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_RESOLVED';
              END IF;
              RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND';
            END IF;
          END LOOP;
        END IF;

        SELECT array_agg(a.id ORDER BY a.id), array_agg(a.kind ORDER BY a.id),
               array_agg(a.kind || ':' || coalesce(a.owner_id::text, '') || '#' || a.shard ORDER BY a.id),
               array_agg(a.balance ORDER BY a.id), array_agg(a.pending ORDER BY a.id), array_agg(a.lifetime_earned ORDER BY a.id)
          INTO acc_ids, acc_kinds, acc_keys, bal, pend, life
        FROM ledger_lock_accounts(lk, lo, ls, hold_debit_ids || hold_credit_ids) a;
        touched := array_fill(false, ARRAY[cardinality(acc_ids)]);
        t_new := array_fill(false, ARRAY[n]); t_debit := array_fill(NULL::uuid, ARRAY[n]); t_credit := t_debit;
        t_debit_after := array_fill(NULL::bigint, ARRAY[n]); t_credit_after := t_debit_after;
        FOR i IN 1..cardinality(hold_ids) LOOP
          hold_debits := hold_debits || array_position(acc_ids, hold_debit_ids[i]);
          hold_credits := hold_credits || array_position(acc_ids, hold_credit_ids[i]);
        END LOOP;

        SELECT array_agg(t.idempotency_key), array_agg(t.id) INTO keys_found, ids_found
        FROM ledger_transfer t WHERE t.idempotency_key = ANY(ARRAY(SELECT x.idempotency_key FROM unnest(specs) x));

        FOR i IN 1..n LOOP
          s := specs[i];
          pos := array_position(keys_found, s.idempotency_key);
          IF pos IS NOT NULL THEN
            idempotency_key := s.idempotency_key; id := ids_found[pos]; created := false; RETURN NEXT; CONTINUE;
          END IF;
          pos := array_position(seen_keys, s.idempotency_key);
          IF pos IS NOT NULL THEN
            idempotency_key := s.idempotency_key; id := seen_ids[pos]; created := false; RETURN NEXT; CONTINUE;
          END IF;
          seen_keys := seen_keys || s.idempotency_key; seen_ids := seen_ids || s.id;
          IF s.amount IS NULL OR s.amount <= 0 THEN
            RAISE EXCEPTION 'Transfer amounts are whole numbers above zero: %', s.amount;
          END IF;

          IF s.kind IN ('post', 'void') THEN
            hp := array_position(hold_ids, s.pending_id);
            IF hp IS NULL THEN RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND'; END IF;
            d := hold_debits[hp]; c := hold_credits[hp];
            IF hold_amounts[hp] <> s.amount THEN
              RAISE EXCEPTION 'A post or void must match its hold: same accounts and amount';
            END IF;
            pend[d] := pend[d] - s.amount;
            IF s.kind = 'post' THEN bal[d] := bal[d] - s.amount; bal[c] := bal[c] + s.amount; END IF;
          ELSE
            d := array_position(acc_keys, dk[i] || ':' || coalesce(dow[i]::text, '') || '#' || dsh[i]);
            c := array_position(acc_keys, ck[i] || ':' || coalesce(cow[i]::text, '') || '#' || csh[i]);
            IF s.kind = 'hold' THEN
              pend[d] := pend[d] + s.amount;
              hold_ids := hold_ids || s.id; hold_amounts := hold_amounts || s.amount;
              hold_debits := hold_debits || d; hold_credits := hold_credits || c;
            ELSE
              bal[d] := bal[d] - s.amount; bal[c] := bal[c] + s.amount;
            END IF;
            IF acc_kinds[c] = 'member' AND s.kind IN ('award', 'adjustment') THEN life[c] := life[c] + s.amount; END IF;
            IF acc_kinds[d] = 'member' AND s.kind = 'reversal' THEN life[d] := greatest(0, life[d] - s.amount); END IF;
            IF acc_kinds[d] NOT LIKE 'system_%' AND bal[d] - pend[d] < 0 THEN
              RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_INSUFFICIENT_POINTS';
            END IF;
          END IF;
          touched[d] := true; touched[c] := true;
          t_new[i] := true; t_debit[i] := acc_ids[d]; t_credit[i] := acc_ids[c];
          t_debit_after[i] := bal[d]; t_credit_after[i] := bal[c];
          idempotency_key := s.idempotency_key; id := s.id; created := true; RETURN NEXT;
        END LOOP;

        IF NOT true = ANY(t_new) THEN RETURN; END IF;
        INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind, pending_id, reverses_id,
          reason_code, reason_th, reason_en, source_event_id, source_type, source_id, subject_innovation_id, hold_expires_at,
          debit_balance_after, credit_balance_after, created_by)
        SELECT (specs[g.k]).id, (specs[g.k]).idempotency_key, t_debit[g.k], t_credit[g.k], (specs[g.k]).amount, (specs[g.k]).kind,
          (specs[g.k]).pending_id, (specs[g.k]).reverses_id, (specs[g.k]).reason_code, (specs[g.k]).reason_th, (specs[g.k]).reason_en,
          (specs[g.k]).source_event_id, (specs[g.k]).source_type, (specs[g.k]).source_id, (specs[g.k]).subject_innovation_id,
          (specs[g.k]).hold_expires_at, t_debit_after[g.k], t_credit_after[g.k], (specs[g.k]).created_by
        FROM generate_subscripts(specs, 1) AS g(k) WHERE t_new[g.k]
        ORDER BY g.k;
        UPDATE ledger_account a SET balance = u.balance, pending = u.pending, lifetime_earned = u.lifetime, version = a.version + 1
        FROM unnest(acc_ids, bal, pend, life, touched) AS u(id, balance, pending, lifetime, touched)
        WHERE a.id = u.id AND u.touched;
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
