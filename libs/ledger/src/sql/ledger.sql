-- The ledger's rules, in the database beside the constraints that back them. This file is the one source of these
-- functions: `runMigrations` installs it (again) whenever it changes (see libs/database/src/sql-sources.ts), so what
-- runs in the database is always what is written here. Only CREATE OR REPLACE FUNCTION belongs here; the types the
-- functions take (ledger_transfer_spec) and the tables are made by migrations.
--
-- Refusals are raised with SQLSTATE LC001 and a registered error code as the message (libs/ledger/src/ledger-errors.ts);
-- the API turns them into problem+json. Functions run as their caller (`lc_app`), so the append-only rules (no UPDATE
-- or DELETE of transfers) bind them too.
--
-- Plans: each function plans its statements once per connection (generic plans: with array parameters PostgreSQL would
-- otherwise plan them again on every call, which cost more than running them), and every statement is a lookup by key,
-- so they use index scans in nested loops only: a plan made while the tables were empty must not scan them whole once
-- they hold millions of rows.

-- The shard a member's transfers use on a striped account: the last 16 bits of the member's id, modulo the shards.
CREATE OR REPLACE FUNCTION ledger_shard_of(member uuid, shards int) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((get_byte(uuid_send(member), 14) * 256 + get_byte(uuid_send(member), 15)) % shards)::smallint
$$;

-- Locks accounts for the rest of the transaction, by (kind, owner, shard) or by id: members' wallets first, then every
-- other account (partner clearing, system accounts), each group in id order. Every path that moves points locks in this
-- one order (LedgerService.lockWallets takes wallets before a call locks the rest), so none waits on another in a
-- cycle: an award (wallet, then issuance) and an administrator's adjustment of the same member used to lock issuance
-- and wallet in opposite orders. Owned accounts that do not exist yet are made first (only the missing ones: an
-- INSERT … ON CONFLICT on an existing row would wait for every transaction that changed it). An owner of NULL names a
-- system account.
CREATE OR REPLACE FUNCTION ledger_lock_accounts(kinds text[], owners uuid[], shards smallint[], ids uuid[] DEFAULT '{}')
RETURNS SETOF ledger_account
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
BEGIN
  -- Usually every account exists: a look costs less than an INSERT that inserts nothing.
  IF EXISTS (SELECT 1 FROM unnest(kinds, owners, shards) AS wanted(kind, owner_id, shard)
             WHERE wanted.owner_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM ledger_account a
               WHERE a.kind = wanted.kind AND a.owner_id = wanted.owner_id AND a.shard = wanted.shard)) THEN
    INSERT INTO ledger_account (id, kind, owner_id, shard)
    SELECT lc_uuidv7(), wanted.kind, wanted.owner_id, wanted.shard
    FROM (SELECT DISTINCT * FROM unnest(kinds, owners, shards) AS u(kind, owner_id, shard)) wanted
    WHERE wanted.owner_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_account a
                      WHERE a.kind = wanted.kind AND a.owner_id = wanted.owner_id AND a.shard = wanted.shard)
    ON CONFLICT (kind, owner_id, shard) DO NOTHING;
  END IF;
  RETURN QUERY
    SELECT * FROM ledger_account WHERE id = ANY(ARRAY(
      SELECT a.id FROM ledger_account a JOIN unnest(kinds, owners, shards) AS owned(kind, owner_id, shard)
        ON a.kind = owned.kind AND a.owner_id = owned.owner_id AND a.shard = owned.shard
      UNION ALL
      SELECT a.id FROM ledger_account a JOIN unnest(kinds, owners, shards) AS sys(kind, owner_id, shard)
        ON sys.owner_id IS NULL AND a.owner_id IS NULL AND a.kind = sys.kind AND a.shard = sys.shard
      UNION ALL
      SELECT unnest(ids)))
    ORDER BY kind <> 'member', id FOR UPDATE;
END $$;

-- The only way points move (LedgerService.transfer calls it; so do the database's own write paths such as
-- marketplace_redeem). One call is all or nothing within the caller's transaction:
--   1. each transfer's accounts are resolved as (kind, owner, shard): striped accounts (system issuance over 16 shards,
--      a partner's clearing over 64) take the shard of the member on the other side; a post or void takes its hold's;
--   2. the accounts are locked, wallets first, each group in id order (no deadlocks between callers);
--   3. idempotency keys are checked after locking (a repeat answers the first transfer's id with created = false);
--   4. the transfers are applied in order: a hold reserves, a post or void resolves a hold exactly once (made earlier,
--      or earlier in this call), a member's spendable points (balance − pending) never go below zero;
--   5. the new transfers are appended with the balances after them, and the accounts' balances, pending points,
--      lifetime earnings and versions are written back once.
CREATE OR REPLACE FUNCTION ledger_transfer(specs ledger_transfer_spec[])
RETURNS TABLE (idempotency_key text, id uuid, created boolean)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  transfer_count int := coalesce(cardinality(specs), 0);
  spec ledger_transfer_spec;
  i int;
  debit_at int;          -- the debit account's place among the locked accounts
  credit_at int;         -- the credit account's place
  hold_at int;           -- the place in this call of the hold a post or void resolves
  hold_amount bigint;
  -- Each transfer's accounts as (kind, owner, shard), resolved before any lock. The kind is NULL when a post or void
  -- resolves a hold made earlier: it moves points between that hold's accounts, found by id.
  debit_kinds text[]; debit_owners uuid[]; debit_shards smallint[];
  credit_kinds text[]; credit_owners uuid[]; credit_shards smallint[];
  hold_in_call int[];    -- for a post or void of a hold made in this call: that hold's place
  first_with_key int[];  -- the first transfer of this call with the same idempotency key
  -- Holds made earlier that this call resolves, with their amounts and accounts.
  earlier_hold_ids uuid[]; earlier_hold_amounts bigint[]; earlier_hold_debits uuid[]; earlier_hold_credits uuid[];
  -- The locked accounts, in id order.
  account_ids uuid[]; account_kinds text[]; account_keys text[];
  balances bigint[]; pendings bigint[]; lifetimes bigint[]; touched boolean[];
  -- Where each transfer's accounts are among the locked ones, and the id of a transfer already made with its key.
  debit_places int[]; credit_places int[]; made_before uuid[];
  -- What each transfer comes to: its id, whether it is new, its accounts and their balances after it.
  result_ids uuid[]; result_new boolean[];
  debit_accounts uuid[]; credit_accounts uuid[]; debit_balances_after bigint[]; credit_balances_after bigint[];
BEGIN
  IF transfer_count = 0 THEN RETURN; END IF;

  -- 1. Accounts, holds resolved within the call, first uses of each key.
  SELECT array_agg(r.debit_kind ORDER BY r.i), array_agg(r.debit_owner ORDER BY r.i), array_agg(r.debit_shard ORDER BY r.i),
         array_agg(r.credit_kind ORDER BY r.i), array_agg(r.credit_owner ORDER BY r.i), array_agg(r.credit_shard ORDER BY r.i),
         array_agg(r.hold_in_call ORDER BY r.i), array_agg(r.first_with_key ORDER BY r.i)
    INTO debit_kinds, debit_owners, debit_shards, credit_kinds, credit_owners, credit_shards, hold_in_call, first_with_key
  FROM (
    SELECT t.i, t.hold_in_call, min(t.i) OVER (PARTITION BY t.key) AS first_with_key,
           CASE WHEN t.resolves_earlier_hold THEN NULL ELSE t.debit_kind END AS debit_kind,
           CASE WHEN t.resolves_earlier_hold OR t.debit_kind LIKE 'system_%' THEN NULL ELSE t.debit_owner END AS debit_owner,
           (CASE t.debit_kind
              WHEN 'partner' THEN CASE WHEN t.credit_kind = 'member' THEN ledger_shard_of(t.credit_owner, 64) ELSE 0 END
              WHEN 'system_issuance' THEN CASE WHEN t.credit_kind = 'member' THEN ledger_shard_of(t.credit_owner, 16) ELSE 0 END
              ELSE 0 END)::smallint AS debit_shard,
           CASE WHEN t.resolves_earlier_hold THEN NULL ELSE t.credit_kind END AS credit_kind,
           CASE WHEN t.resolves_earlier_hold OR t.credit_kind LIKE 'system_%' THEN NULL ELSE t.credit_owner END AS credit_owner,
           (CASE t.credit_kind
              WHEN 'partner' THEN CASE WHEN t.debit_kind = 'member' THEN ledger_shard_of(t.debit_owner, 64) ELSE 0 END
              WHEN 'system_issuance' THEN CASE WHEN t.debit_kind = 'member' THEN ledger_shard_of(t.debit_owner, 16) ELSE 0 END
              ELSE 0 END)::smallint AS credit_shard
    FROM (
      SELECT g.i, (specs[g.i]).idempotency_key AS key, (specs[g.i]).debit_kind, (specs[g.i]).debit_owner,
             (specs[g.i]).credit_kind, (specs[g.i]).credit_owner, hold.place AS hold_in_call,
             (specs[g.i]).kind IN ('post', 'void') AND hold.place IS NULL AS resolves_earlier_hold
      FROM generate_subscripts(specs, 1) AS g(i)
      LEFT JOIN LATERAL (
        SELECT h.place FROM generate_subscripts(specs, 1) AS h(place)
        WHERE (specs[g.i]).kind IN ('post', 'void') AND (specs[h.place]).kind = 'hold'
          AND (specs[h.place]).id = (specs[g.i]).pending_id
        LIMIT 1) hold ON true) t) r;

  -- Holds made earlier that this call resolves: their accounts, by id (their rows never change). A hold already
  -- resolved, or none at all, is refused.
  IF EXISTS (SELECT 1 FROM generate_subscripts(specs, 1) AS g(i)
             WHERE (specs[g.i]).kind IN ('post', 'void') AND hold_in_call[g.i] IS NULL) THEN
    SELECT array_agg(t.id), array_agg(t.amount), array_agg(t.debit_account_id), array_agg(t.credit_account_id)
      INTO earlier_hold_ids, earlier_hold_amounts, earlier_hold_debits, earlier_hold_credits
    FROM ledger_transfer t
    WHERE t.id = ANY(ARRAY(SELECT (specs[g.i]).pending_id FROM generate_subscripts(specs, 1) AS g(i)
                           WHERE (specs[g.i]).kind IN ('post', 'void') AND hold_in_call[g.i] IS NULL))
      AND (t.kind || '') = 'hold' AND NOT EXISTS (SELECT 1 FROM ledger_transfer x WHERE x.pending_id = t.id);
    FOR i IN 1..transfer_count LOOP
      CONTINUE WHEN NOT ((specs[i]).kind IN ('post', 'void') AND hold_in_call[i] IS NULL);
      CONTINUE WHEN (specs[i]).pending_id = ANY(coalesce(earlier_hold_ids, '{}'));
      IF EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.id = (specs[i]).pending_id AND t.kind = 'hold') THEN
        RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_RESOLVED';
      END IF;
      RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND';
    END LOOP;
  END IF;

  -- 2. Lock every account involved (wallets first, each group in id order); kept in id order from here on.
  SELECT array_agg(a.id ORDER BY a.id), array_agg(a.kind ORDER BY a.id),
         array_agg(a.kind || ':' || coalesce(a.owner_id::text, '') || '#' || a.shard ORDER BY a.id),
         array_agg(a.balance ORDER BY a.id), array_agg(a.pending ORDER BY a.id), array_agg(a.lifetime_earned ORDER BY a.id)
    INTO account_ids, account_kinds, account_keys, balances, pendings, lifetimes
  FROM ledger_lock_accounts(
    ARRAY(SELECT debit_kinds[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE debit_kinds[g.i] IS NOT NULL
          UNION ALL SELECT credit_kinds[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE credit_kinds[g.i] IS NOT NULL),
    ARRAY(SELECT debit_owners[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE debit_kinds[g.i] IS NOT NULL
          UNION ALL SELECT credit_owners[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE credit_kinds[g.i] IS NOT NULL),
    ARRAY(SELECT debit_shards[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE debit_kinds[g.i] IS NOT NULL
          UNION ALL SELECT credit_shards[g.i] FROM generate_subscripts(specs, 1) AS g(i) WHERE credit_kinds[g.i] IS NOT NULL),
    coalesce(earlier_hold_debits, '{}') || coalesce(earlier_hold_credits, '{}')) a;

  -- 3. Where each transfer's accounts are, and which keys were used before (checked now that the accounts are
  -- locked: a concurrent call with the same key has committed or given up by now).
  SELECT array_agg(CASE WHEN debit_kinds[g.i] IS NULL
                        THEN array_position(account_ids, earlier_hold_debits[array_position(earlier_hold_ids, (specs[g.i]).pending_id)])
                        ELSE array_position(account_keys, debit_kinds[g.i] || ':' || coalesce(debit_owners[g.i]::text, '') || '#' || debit_shards[g.i]) END
                   ORDER BY g.i),
         array_agg(CASE WHEN credit_kinds[g.i] IS NULL
                        THEN array_position(account_ids, earlier_hold_credits[array_position(earlier_hold_ids, (specs[g.i]).pending_id)])
                        ELSE array_position(account_keys, credit_kinds[g.i] || ':' || coalesce(credit_owners[g.i]::text, '') || '#' || credit_shards[g.i]) END
                   ORDER BY g.i),
         array_agg(t.id ORDER BY g.i)
    INTO debit_places, credit_places, made_before
  FROM generate_subscripts(specs, 1) AS g(i)
  LEFT JOIN LATERAL (
    SELECT t.id FROM ledger_transfer t WHERE t.idempotency_key = (specs[g.i]).idempotency_key) t ON true;

  -- 4. Each transfer in order, against the balances the ones before it left.
  touched := array_fill(false, ARRAY[cardinality(account_ids)]);
  result_ids := array_fill(NULL::uuid, ARRAY[transfer_count]);
  result_new := array_fill(NULL::boolean, ARRAY[transfer_count]);
  debit_accounts := result_ids; credit_accounts := result_ids;
  debit_balances_after := array_fill(NULL::bigint, ARRAY[transfer_count]); credit_balances_after := debit_balances_after;
  FOR i IN 1..transfer_count LOOP
    IF made_before[i] IS NOT NULL THEN
      result_ids[i] := made_before[i]; result_new[i] := false; CONTINUE;
    END IF;
    IF first_with_key[i] <> i THEN
      result_ids[i] := result_ids[first_with_key[i]]; result_new[i] := false; CONTINUE;
    END IF;
    spec := specs[i];
    IF spec.amount IS NULL OR spec.amount <= 0 THEN
      RAISE EXCEPTION 'Transfer amounts are whole numbers above zero: %', spec.amount;
    END IF;
    IF spec.kind IN ('post', 'void') THEN
      hold_at := hold_in_call[i];
      IF hold_at IS NOT NULL THEN
        -- A hold of this call: it must have been made (not a repeat) before this resolves it.
        IF result_new[hold_at] IS NOT TRUE THEN
          RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_HOLD_NOT_FOUND';
        END IF;
        debit_at := debit_places[hold_at]; credit_at := credit_places[hold_at]; hold_amount := (specs[hold_at]).amount;
      ELSE
        debit_at := debit_places[i]; credit_at := credit_places[i];
        hold_amount := earlier_hold_amounts[array_position(earlier_hold_ids, spec.pending_id)];
      END IF;
      IF hold_amount <> spec.amount THEN
        RAISE EXCEPTION 'A post or void must match its hold: same accounts and amount';
      END IF;
      pendings[debit_at] := pendings[debit_at] - spec.amount;
      IF spec.kind = 'post' THEN
        balances[debit_at] := balances[debit_at] - spec.amount;
        balances[credit_at] := balances[credit_at] + spec.amount;
      END IF;
    ELSE
      debit_at := debit_places[i]; credit_at := credit_places[i];
      IF spec.kind = 'hold' THEN
        pendings[debit_at] := pendings[debit_at] + spec.amount;
      ELSE
        balances[debit_at] := balances[debit_at] - spec.amount;
        balances[credit_at] := balances[credit_at] + spec.amount;
      END IF;
      -- Lifetime earnings: what awards and adjustments gave a member, less what reversals took back.
      IF spec.kind IN ('award', 'adjustment') AND account_kinds[credit_at] = 'member' THEN
        lifetimes[credit_at] := lifetimes[credit_at] + spec.amount;
      ELSIF spec.kind = 'reversal' AND account_kinds[debit_at] = 'member' THEN
        lifetimes[debit_at] := greatest(0, lifetimes[debit_at] - spec.amount);
      END IF;
      IF balances[debit_at] - pendings[debit_at] < 0 AND account_kinds[debit_at] NOT LIKE 'system_%' THEN
        RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_INSUFFICIENT_POINTS';
      END IF;
    END IF;
    touched[debit_at] := true; touched[credit_at] := true;
    result_ids[i] := spec.id; result_new[i] := true;
    debit_accounts[i] := account_ids[debit_at]; credit_accounts[i] := account_ids[credit_at];
    debit_balances_after[i] := balances[debit_at]; credit_balances_after[i] := balances[credit_at];
  END LOOP;

  -- 5. Append the new transfers and write the accounts back.
  IF true = ANY(result_new) THEN
    INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind, pending_id,
      reverses_id, reason_code, reason_th, reason_en, source_event_id, source_type, source_id, subject_innovation_id,
      hold_expires_at, debit_balance_after, credit_balance_after, created_by)
    SELECT (specs[g.k]).id, (specs[g.k]).idempotency_key, debit_accounts[g.k], credit_accounts[g.k], (specs[g.k]).amount,
      (specs[g.k]).kind, (specs[g.k]).pending_id, (specs[g.k]).reverses_id, (specs[g.k]).reason_code,
      (specs[g.k]).reason_th, (specs[g.k]).reason_en, (specs[g.k]).source_event_id, (specs[g.k]).source_type,
      (specs[g.k]).source_id, (specs[g.k]).subject_innovation_id, (specs[g.k]).hold_expires_at, debit_balances_after[g.k],
      credit_balances_after[g.k], (specs[g.k]).created_by
    FROM generate_subscripts(specs, 1) AS g(k) WHERE result_new[g.k]
    ORDER BY g.k;
    UPDATE ledger_account a
       SET balance = u.balance, pending = u.pending, lifetime_earned = u.lifetime, version = a.version + 1
    FROM unnest(account_ids, balances, pendings, lifetimes, touched) AS u(id, balance, pending, lifetime, touched)
    WHERE a.id = u.id AND u.touched;
  END IF;
  RETURN QUERY SELECT (specs[g.k]).idempotency_key, result_ids[g.k], result_new[g.k]
               FROM generate_subscripts(specs, 1) AS g(k) ORDER BY g.k;
END $$;
