-- The marketplace's rules that the database applies, each written once: when a perk is open, who is eligible, where a
-- limit period starts, the texts of the transfers that settle a redemption, and redemptions a batch at a time. The
-- application reads these rules through the same functions (PerksRepository selects `marketplace_perk_open` and
-- `marketplace_eligible`, counts limits from `marketplace_period_start`; RedemptionsRepository takes the texts of a
-- post or void from `marketplace_transfer_reason`), so TypeScript never restates them.
--
-- This file is the one source of these functions: `runMigrations` installs it (again) whenever it changes (see
-- libs/database/src/sql-sources.ts). Only CREATE OR REPLACE FUNCTION belongs here; the types the functions take
-- (marketplace_redeem_request) and the tables are made by migrations. Refusals are registered error codes
-- (libs/marketplace/src/marketplace-errors.ts, and the ledger's LEDGER_INSUFFICIENT_POINTS).

-- A perk can be redeemed when it is live and within its validity window.
CREATE OR REPLACE FUNCTION marketplace_perk_open(status text, valid_from timestamptz, valid_until timestamptz)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT status = 'live' AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now())
$$;

-- The rank of a recognition level (the taxonomy's promotionLevels): member 1, practitioner 2, change agent 3,
-- influencer 4; 0 for none (someone not signed in).
CREATE OR REPLACE FUNCTION marketplace_level_rank(level text)
RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE level WHEN 'member' THEN 1 WHEN 'practitioner' THEN 2 WHEN 'change_agent' THEN 3
                    WHEN 'influencer' THEN 4 ELSE 0 END
$$;

-- A member may redeem a perk when the perk names no areas or names the member's, names no member kinds or names the
-- member's, and asks no level or one the member has reached (`minLevel`, recognition's levels). Someone not signed in
-- (no area, no kind, no level) is eligible only for perks open to all.
CREATE OR REPLACE FUNCTION marketplace_eligible(eligibility jsonb, area_id uuid, member_kind text, member_level text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (jsonb_array_length(coalesce(eligibility -> 'areaIds', '[]')) = 0
          OR coalesce(eligibility -> 'areaIds' ? area_id::text, false))
     AND (jsonb_array_length(coalesce(eligibility -> 'memberKinds', '[]')) = 0
          OR coalesce(eligibility -> 'memberKinds' ? member_kind, false))
     AND (eligibility ->> 'minLevel' IS NULL
          OR marketplace_level_rank(member_level) >= marketplace_level_rank(eligibility ->> 'minLevel'))
$$;

-- The start of a perk's current limit period, by Bangkok's calendar (weeks start on Monday): redemptions since then
-- count against the member's limit. 'ever' counts them all.
CREATE OR REPLACE FUNCTION marketplace_period_start(period text) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE period
    WHEN 'day' THEN date_trunc('day', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
    WHEN 'week' THEN date_trunc('week', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
    WHEN 'month' THEN date_trunc('month', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
    ELSE '-infinity'::timestamptz END
$$;

-- What the member's statement says of a transfer that settles a redemption: the hold when it is made, the post when it
-- is fulfilled, the void when it is cancelled, rejected or expires. In Thai and English, with the perk's title.
CREATE OR REPLACE FUNCTION marketplace_transfer_reason(kind text, perk_title_th text, perk_title_en text)
RETURNS TABLE (code text, th text, en text) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'redemption.' || kind,
         CASE kind WHEN 'hold' THEN 'กันพอยท์เพื่อแลกสิทธิประโยชน์' WHEN 'post' THEN 'แลกสิทธิประโยชน์' ELSE 'คืนพอยท์ที่กันไว้' END
           || ': ' || perk_title_th,
         CASE kind WHEN 'hold' THEN 'Points held for a redemption' WHEN 'post' THEN 'Redeemed a perk' ELSE 'Held points released' END
           || ': ' || coalesce(perk_title_en, perk_title_th)
$$;

-- Redemptions, a batch at a time, in one statement: called outside an explicit transaction it is one round trip that
-- ends with its commit. The RedemptionBatcher gathers the requests that arrive while a batch is in the database and
-- sends them as the next one: one commit and one lock of a popular perk's row for the whole batch, which is what lets
-- thousands of teachers redeem the same perk in the same second.
--
-- Each request of the batch gets its own answer (item = its place in the array): 'created' with the answer, 'replay'
-- with the answer given earlier to that member and key (and its request hash), or 'refused' with an error code. One
-- request refused never undoes another; anything unexpected undoes the whole batch (the caller then retries its
-- requests one by one). The rules are those of one redemption: the idempotency key, eligibility, the validity window,
-- stock never below zero (checked under the perk's lock, a CHECK behind it), per-member limits (counted under the
-- member's wallet lock), the points held (and, for vouchers, posted at once) through ledger_transfer.
--
-- Locks, always in this order (so no two batches, and no settlement, wait on each other in a cycle): the members'
-- wallets and the partners' clearing shards (by id, through the ledger), then the perks with a finite stock or a code
-- pool (by id), then pool codes (SKIP LOCKED).
CREATE OR REPLACE FUNCTION marketplace_redeem(requests marketplace_redeem_request[])
RETURNS TABLE (item int, outcome text, refusal text, detail text, answer jsonb, answer_hash text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  request_count int := coalesce(cardinality(requests), 0);
  -- The requests, a column each (an array of ids is read by position in constant time; one of records is not).
  redemption_ids uuid[]; hold_ids uuid[]; post_ids uuid[]; event_ids uuid[]; voucher_ids uuid[]; perk_ids uuid[];
  member_ids uuid[]; area_ids uuid[]; member_kinds text[]; idempotency_keys text[]; request_hashes text[];
  generated_codes text[];
  -- Each request's member's level (recognition keeps it on the member), for perks that ask one.
  member_levels text[];
  -- Each request's answer so far: NULL while undecided, then 'created', 'replay', 'refused' or 'conflict'.
  outcomes text[]; refusals text[]; refusal_details text[]; answers jsonb[]; answer_hashes text[];
  found record;
  i int; j int;
  -- The perks of the batch, in id order.
  batch_perks perk[]; batch_perk_ids uuid[]; this_perk perk;
  -- Wallets: spendable points by member, as locked.
  wallet_members uuid[]; wallet_spendable bigint[]; wallet_at int;
  -- Perks with a finite stock, locked: stock left when locked, and how many this batch has taken.
  stocked_perk_ids uuid[]; stocked_left int[]; stocked_taken int[]; stock_at int;
  -- Pool codes reserved for this batch, by perk, and whether a request of the batch took each.
  pool_code_ids uuid[] := '{}'; pool_code_perks uuid[] := '{}'; pool_codes text[] := '{}'; pool_code_taken boolean[] := '{}';
  pool_code_at int; pool_code record;
  -- Per-member limits: redemptions counted so far in the current period, by member and perk.
  limit_keys text[] := '{}'; limit_used int[] := '{}'; limit_at int;
  -- What a granted request gets.
  voucher text; voucher_code_id uuid; new_deadline timestamptz; is_voucher boolean; new_status text;
  inserted_ids uuid[];
  created_at_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  item_codes text[]; item_code_ids uuid[]; item_deadlines timestamptz[]; item_statuses text[];
BEGIN
  IF request_count = 0 THEN RETURN; END IF;
  SELECT array_agg(r.redemption_id ORDER BY r.n), array_agg(r.hold_id ORDER BY r.n), array_agg(r.post_id ORDER BY r.n),
         array_agg(r.event_id ORDER BY r.n), array_agg(r.voucher_id ORDER BY r.n), array_agg(r.perk_id ORDER BY r.n),
         array_agg(r.member_id ORDER BY r.n), array_agg(r.area_id ORDER BY r.n), array_agg(r.member_kind ORDER BY r.n),
         array_agg(r.idempotency_key ORDER BY r.n), array_agg(r.request_hash ORDER BY r.n),
         array_agg(r.generated_code ORDER BY r.n)
    INTO redemption_ids, hold_ids, post_ids, event_ids, voucher_ids, perk_ids, member_ids, area_ids, member_kinds,
         idempotency_keys, request_hashes, generated_codes
  FROM unnest(requests) WITH ORDINALITY AS r(redemption_id, hold_id, post_id, event_id, voucher_id, perk_id, member_id,
                                             area_id, member_kind, idempotency_key, request_hash, generated_code, n);

  outcomes := array_fill(NULL::text, ARRAY[request_count]);
  refusals := outcomes; refusal_details := outcomes; answer_hashes := outcomes; item_codes := outcomes; item_statuses := outcomes;
  answers := array_fill(NULL::jsonb, ARRAY[request_count]);
  item_code_ids := array_fill(NULL::uuid, ARRAY[request_count]);
  item_deadlines := array_fill(NULL::timestamptz, ARRAY[request_count]);

  -- Answers already given for these keys.
  FOR found IN
    SELECT u.i, r.request_hash, r.response FROM unnest(member_ids, idempotency_keys) WITH ORDINALITY AS u(m, k, i)
    JOIN redemption r ON r.member_id = u.m AND r.idempotency_key = u.k
  LOOP
    outcomes[found.i] := 'replay'; answers[found.i] := found.response; answer_hashes[found.i] := found.request_hash;
  END LOOP;

  -- The members' levels, read once for the batch.
  SELECT array_agg(m.level_code ORDER BY u.n) INTO member_levels
  FROM unnest(member_ids) WITH ORDINALITY AS u(id, n) LEFT JOIN member m ON m.id = u.id;

  -- The perks, and what can be refused before any lock.
  SELECT array_agg(p ORDER BY p.id), array_agg(p.id ORDER BY p.id) INTO batch_perks, batch_perk_ids
  FROM perk p WHERE p.id = ANY(perk_ids);
  FOR i IN 1..request_count LOOP
    CONTINUE WHEN outcomes[i] IS NOT NULL;
    j := array_position(batch_perk_ids, perk_ids[i]);
    IF j IS NULL THEN outcomes[i] := 'refused'; refusals[i] := 'PERK_NOT_FOUND'; CONTINUE; END IF;
    this_perk := batch_perks[j];
    IF NOT marketplace_perk_open(this_perk.status, this_perk.valid_from, this_perk.valid_until) THEN
      outcomes[i] := 'refused'; refusals[i] := 'PERK_NOT_AVAILABLE'; CONTINUE;
    END IF;
    IF NOT marketplace_eligible(this_perk.eligibility, area_ids[i], member_kinds[i], member_levels[i]) THEN
      outcomes[i] := 'refused'; refusals[i] := 'PERK_NOT_ELIGIBLE'; CONTINUE;
    END IF;
    -- Sold out is answered from the row as read, without queueing on its lock.
    IF this_perk.stock_left = 0 THEN outcomes[i] := 'refused'; refusals[i] := 'PERK_OUT_OF_STOCK'; CONTINUE; END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM unnest(outcomes) AS u(s) WHERE u.s IS NULL) THEN
    RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h
                 FROM unnest(outcomes, refusals, refusal_details, answers, answer_hashes) WITH ORDINALITY AS u(o, y, d, a, h, i);
    RETURN;
  END IF;

  -- Wallets and partner clearing shards, locked (through the ledger); the spendable points of each member.
  SELECT array_agg(a.owner_id), array_agg(a.balance - a.pending) INTO wallet_members, wallet_spendable
  FROM ledger_lock_accounts(
    ARRAY(SELECT x FROM unnest(outcomes) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x
          WHERE u.s IS NULL ORDER BY u.i, x),
    ARRAY(SELECT CASE WHEN x = 'member' THEN member_ids[u.i]
                      ELSE (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).partner_id END
          FROM unnest(outcomes) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x
          WHERE u.s IS NULL ORDER BY u.i, x),
    ARRAY(SELECT CASE WHEN x = 'member' THEN 0 ELSE ledger_shard_of(member_ids[u.i], 64) END::smallint
          FROM unnest(outcomes) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x
          WHERE u.s IS NULL ORDER BY u.i, x)
  ) a WHERE a.kind = 'member';

  -- Perks with a finite stock or a code pool, locked: what is left is what this batch may take, and batches of one pool
  -- perk take turns, so none is told the codes ran out while another batch holds codes it will not use.
  SELECT array_agg(p.id ORDER BY p.id), array_agg(p.stock_left ORDER BY p.id) INTO stocked_perk_ids, stocked_left
  FROM (SELECT p.id, p.stock_left FROM perk p
        WHERE p.id = ANY(ARRAY(SELECT perk_ids[u.i] FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) WHERE u.s IS NULL))
          AND (p.stock_left IS NOT NULL OR p.fulfilment = 'pool_code') ORDER BY p.id FOR NO KEY UPDATE) p;
  stocked_taken := array_fill(0, ARRAY[coalesce(cardinality(stocked_perk_ids), 0)]);

  -- Pool codes: as many as this batch asks of each pool perk, skipping codes other batches hold.
  FOR found IN
    SELECT perk_ids[u.i] AS perk_id, count(*)::int AS wanted FROM unnest(outcomes) WITH ORDINALITY AS u(s, i)
    WHERE u.s IS NULL AND (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).fulfilment = 'pool_code' GROUP BY 1
  LOOP
    FOR pool_code IN
      SELECT c.id, c.code FROM voucher_code c WHERE c.perk_id = found.perk_id AND c.status = 'available'
      ORDER BY c.id LIMIT found.wanted FOR UPDATE SKIP LOCKED
    LOOP
      pool_code_ids := pool_code_ids || pool_code.id; pool_code_perks := pool_code_perks || found.perk_id;
      pool_codes := pool_codes || pool_code.code; pool_code_taken := pool_code_taken || false;
    END LOOP;
  END LOOP;

  -- Redemptions counted against per-member limits, now that the wallets are locked: no redemption of these members
  -- can commit in between.
  FOR found IN
    SELECT u.m, u.p, count(r.id)::int AS used
    FROM (SELECT DISTINCT member_ids[x.i] AS m, perk_ids[x.i] AS p FROM unnest(outcomes) WITH ORDINALITY AS x(s, i)
          WHERE x.s IS NULL AND (batch_perks[array_position(batch_perk_ids, perk_ids[x.i])]).per_member_limit IS NOT NULL) u
    JOIN perk p ON p.id = u.p
    LEFT JOIN redemption r ON r.perk_id = u.p AND r.member_id = u.m AND r.status IN ('pending', 'fulfilled')
      AND r.created_at >= marketplace_period_start(p.limit_period)
    GROUP BY u.m, u.p
  LOOP
    limit_keys := limit_keys || (found.m::text || found.p::text); limit_used := limit_used || found.used;
  END LOOP;

  -- Each request in turn, against what the ones before it took.
  FOR i IN 1..request_count LOOP
    CONTINUE WHEN outcomes[i] IS NOT NULL;
    this_perk := batch_perks[array_position(batch_perk_ids, perk_ids[i])];
    stock_at := array_position(stocked_perk_ids, this_perk.id);
    IF stocked_left[stock_at] - stocked_taken[stock_at] <= 0 THEN
      outcomes[i] := 'refused'; refusals[i] := 'PERK_OUT_OF_STOCK'; CONTINUE;
    END IF;
    voucher := NULL; voucher_code_id := NULL; pool_code_at := NULL; limit_at := NULL;
    IF this_perk.fulfilment = 'pool_code' THEN
      FOR j IN 1..cardinality(pool_code_ids) LOOP
        IF pool_code_perks[j] = this_perk.id AND NOT pool_code_taken[j] THEN pool_code_at := j; EXIT; END IF;
      END LOOP;
      IF pool_code_at IS NULL THEN
        outcomes[i] := 'refused'; refusals[i] := 'PERK_OUT_OF_STOCK'; refusal_details[i] := 'No voucher codes are left';
        CONTINUE;
      END IF;
      voucher_code_id := pool_code_ids[pool_code_at]; voucher := pool_codes[pool_code_at];
    ELSIF this_perk.fulfilment = 'generated_code' THEN
      voucher := generated_codes[i];
    END IF;
    IF this_perk.per_member_limit IS NOT NULL THEN
      limit_at := array_position(limit_keys, member_ids[i]::text || this_perk.id::text);
      IF limit_used[limit_at] >= this_perk.per_member_limit THEN
        outcomes[i] := 'refused'; refusals[i] := 'PERK_LIMIT_REACHED'; CONTINUE;
      END IF;
    END IF;
    wallet_at := array_position(wallet_members, member_ids[i]);
    IF wallet_spendable[wallet_at] < this_perk.cost THEN
      outcomes[i] := 'refused'; refusals[i] := 'LEDGER_INSUFFICIENT_POINTS'; CONTINUE;
    END IF;
    -- Granted.
    wallet_spendable[wallet_at] := wallet_spendable[wallet_at] - this_perk.cost;
    IF stock_at IS NOT NULL THEN stocked_taken[stock_at] := stocked_taken[stock_at] + 1; END IF;
    IF limit_at IS NOT NULL THEN limit_used[limit_at] := limit_used[limit_at] + 1; END IF;
    IF pool_code_at IS NOT NULL THEN pool_code_taken[pool_code_at] := true; END IF;
    is_voucher := this_perk.fulfilment <> 'manual';
    new_deadline := CASE WHEN is_voucher THEN NULL ELSE now() + make_interval(hours => this_perk.fulfilment_hours) END;
    new_status := CASE WHEN is_voucher THEN 'fulfilled' ELSE 'pending' END;
    outcomes[i] := 'created'; item_codes[i] := voucher; item_code_ids[i] := voucher_code_id;
    item_deadlines[i] := new_deadline; item_statuses[i] := new_status;
    answers[i] := jsonb_build_object('id', redemption_ids[i], 'perkId', this_perk.id, 'status', new_status, 'cost', this_perk.cost)
      || CASE WHEN voucher IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('voucher', jsonb_build_object('code', voucher)) END
      || jsonb_build_object('deadlineAt', to_char(new_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'createdAt', created_at_text);
    answer_hashes[i] := request_hashes[i];
  END LOOP;

  IF NOT 'created' = ANY(outcomes) THEN
    RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h
                 FROM unnest(outcomes, refusals, refusal_details, answers, answer_hashes) WITH ORDINALITY AS u(o, y, d, a, h, i);
    RETURN;
  END IF;

  -- The redemptions, in their final state. A key another batch used meanwhile is not inserted (ON CONFLICT); that
  -- request is answered with the earlier answer below, and nothing else of it is written. (The requests decided after
  -- it counted it: at worst one of them is refused the last unit or point it could have had; nothing is ever oversold
  -- or spent twice.)
  WITH inserted AS (
    INSERT INTO redemption (id, perk_id, partner_id, member_id, status, cost, hold_transfer_id, voucher_code, deadline_at,
      idempotency_key, request_hash, response)
    SELECT redemption_ids[u.i], perk_ids[u.i], (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).partner_id,
      member_ids[u.i], item_statuses[u.i], (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).cost, hold_ids[u.i],
      item_codes[u.i], item_deadlines[u.i], idempotency_keys[u.i], request_hashes[u.i], answers[u.i]
    FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i
    ON CONFLICT (member_id, idempotency_key) DO NOTHING RETURNING id)
  SELECT array_agg(inserted.id) INTO inserted_ids FROM inserted;
  FOR i IN 1..request_count LOOP
    IF outcomes[i] = 'created' AND NOT redemption_ids[i] = ANY(coalesce(inserted_ids, '{}')) THEN
      outcomes[i] := 'conflict';
    END IF;
  END LOOP;

  IF 'created' = ANY(outcomes) THEN
    -- Voucher codes: generated ones are unique per perk (a clash, about one in 10^18, undoes the batch with the
    -- internal signal LC002: the caller retries with new codes); pool codes become issued.
    INSERT INTO voucher_code (id, perk_id, code, status, redemption_id)
    SELECT voucher_ids[u.i], perk_ids[u.i], item_codes[u.i], 'issued', redemption_ids[u.i]
    FROM unnest(outcomes) WITH ORDINALITY AS u(s, i)
    WHERE u.s = 'created' AND item_code_ids[u.i] IS NULL AND item_codes[u.i] IS NOT NULL
    ON CONFLICT (perk_id, code) DO NOTHING;
    GET DIAGNOSTICS j = ROW_COUNT;
    IF j <> (SELECT count(*) FROM unnest(outcomes) WITH ORDINALITY AS u(s, i)
             WHERE u.s = 'created' AND item_code_ids[u.i] IS NULL AND item_codes[u.i] IS NOT NULL) THEN
      RAISE EXCEPTION USING ERRCODE = 'LC002', MESSAGE = 'VOUCHER_CODE_TAKEN';
    END IF;
    UPDATE voucher_code v SET status = 'issued', redemption_id = redemption_ids[u.i]
    FROM unnest(outcomes, item_code_ids) WITH ORDINALITY AS u(s, c, i) WHERE u.s = 'created' AND v.id = u.c;

    -- The points: a hold each and, for vouchers, its post at once (the ledger checks every rule again).
    PERFORM ledger_transfer(ARRAY(
      SELECT t.spec FROM (
        SELECT u.i, 1 AS n, ROW(hold_ids[u.i], 'redemption:' || redemption_ids[u.i] || ':hold', 'member', member_ids[u.i],
          'partner', p.partner_id, p.cost, 'hold', NULL, NULL, reason.code, reason.th, reason.en,
          NULL, 'redemption', redemption_ids[u.i]::text, NULL,
          -- Backstop: if the marketplace's own deadline sweep never ran, the ledger releases the points itself.
          item_deadlines[u.i] + interval '1 hour', member_ids[u.i])::ledger_transfer_spec AS spec
        FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) JOIN perk p ON p.id = perk_ids[u.i]
        CROSS JOIN LATERAL marketplace_transfer_reason('hold', p.title_th, p.title_en) AS reason
        WHERE u.s = 'created'
        UNION ALL
        SELECT u.i, 2, ROW(post_ids[u.i], 'redemption:' || redemption_ids[u.i] || ':post', 'member', member_ids[u.i],
          'partner', p.partner_id, p.cost, 'post', hold_ids[u.i], NULL, reason.code, reason.th, reason.en,
          NULL, 'redemption', redemption_ids[u.i]::text, NULL, NULL, NULL)::ledger_transfer_spec
        FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) JOIN perk p ON p.id = perk_ids[u.i]
        CROSS JOIN LATERAL marketplace_transfer_reason('post', p.title_th, p.title_en) AS reason
        WHERE u.s = 'created' AND p.fulfilment <> 'manual') t
      ORDER BY t.i, t.n));

    PERFORM outbox_append(
      ARRAY(SELECT event_ids[u.i] FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i),
      ARRAY(SELECT CASE WHEN item_statuses[u.i] = 'fulfilled' THEN 'redemption.fulfilled' ELSE 'redemption.created' END
            FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i),
      ARRAY(SELECT jsonb_build_object('redemptionId', redemption_ids[u.i], 'perkId', perk_ids[u.i],
              'partnerId', (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).partner_id,
              'memberId', member_ids[u.i], 'status', item_statuses[u.i],
              'cost', (batch_perks[array_position(batch_perk_ids, perk_ids[u.i])]).cost)
            FROM unnest(outcomes) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i));

    INSERT INTO redemption_history (redemption_id, status, actor_id, note)
    SELECT redemption_ids[u.i], h.status, CASE WHEN h.n = 1 THEN member_ids[u.i] END, h.note
    FROM unnest(outcomes) WITH ORDINALITY AS u(s, i)
    CROSS JOIN (VALUES (1, 'pending', NULL::text), (2, 'fulfilled', 'voucher issued')) AS h(n, status, note)
    WHERE u.s = 'created' AND (h.n = 1 OR item_statuses[u.i] = 'fulfilled') ORDER BY u.i, h.n;

    -- Last: the stock (a CHECK keeps it from going below zero).
    UPDATE perk p SET stock_left = p.stock_left - t.taken
    FROM (SELECT perk_ids[u.i] AS id, count(*)::int AS taken FROM unnest(outcomes) WITH ORDINALITY AS u(s, i)
          WHERE u.s = 'created' GROUP BY 1) t
    WHERE p.id = t.id AND p.stock_left IS NOT NULL;
  END IF;

  IF 'conflict' = ANY(outcomes) THEN
    FOR found IN
      SELECT u.i, r.request_hash, r.response
      FROM unnest(outcomes, member_ids, idempotency_keys) WITH ORDINALITY AS u(s, m, k, i)
      JOIN redemption r ON r.member_id = u.m AND r.idempotency_key = u.k WHERE u.s = 'conflict'
    LOOP
      outcomes[found.i] := 'replay'; answers[found.i] := found.response; answer_hashes[found.i] := found.request_hash;
    END LOOP;
  END IF;
  RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h
               FROM unnest(outcomes, refusals, refusal_details, answers, answer_hashes) WITH ORDINALITY AS u(o, y, d, a, h, i);
END $$;
