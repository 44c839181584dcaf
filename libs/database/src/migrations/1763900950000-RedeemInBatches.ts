import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redemptions a batch at a time, in one statement. The API gathers the redemption requests that arrive while a
 * batch is in the database and sends them as the next one (RedemptionBatcher): one round trip, one commit and
 * one lock of a popular perk's row for the whole batch instead of one per request, which is what lets thousands
 * of teachers redeem the same perk in the same second. Every request still gets its own answer, and the rules are
 * those of one redemption: the idempotency key (the same key answers the first answer), eligibility, the validity
 * window, stock never below zero (checked under the perk's lock, a CHECK behind it), per-member limits (counted
 * under the member's wallet lock), the points held (and, for vouchers, posted) through `ledger_transfer`.
 */
export class RedeemInBatches1763900950000 implements MigrationInterface {
  name = 'RedeemInBatches1763900950000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- The outbox's entry point for SQL write paths (OutboxService.append's twin): events commit with the change.
      CREATE FUNCTION outbox_append(ids uuid[], types text[], payloads jsonb[]) RETURNS void
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      BEGIN
        INSERT INTO outbox_event (id, type, payload) SELECT * FROM unnest(ids, types, payloads);
      END $$`);
    await queryRunner.query(`
      -- The start of a perk's current limit period (Bangkok time), as PerksService counts it.
      CREATE FUNCTION marketplace_period_start(period text) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT CASE period
          WHEN 'day' THEN date_trunc('day', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
          WHEN 'week' THEN date_trunc('week', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
          WHEN 'month' THEN date_trunc('month', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
          ELSE '-infinity'::timestamptz END
      $$`);
    await queryRunner.query(`
      -- Redemptions, a batch at a time, in one statement: called outside an explicit transaction it is one round trip
      -- that ends with its commit. Each request of the batch gets its own answer: 'created' with the answer,
      -- 'replay' with the answer given earlier to that member and key (and its request hash), or 'refused' with an
      -- error code. One request refused never undoes another; anything unexpected undoes the whole batch (the caller
      -- then retries its requests one by one).
      --
      -- Locks, always in this order (so no two batches, and no settlement, wait on each other in a cycle): the members'
      -- wallets and the partners' clearing shards (by id, through the ledger), then the perks with a finite stock or a
      -- code pool (by id), then pool codes (SKIP LOCKED).
      CREATE FUNCTION marketplace_redeem(
        r_ids uuid[], hold_ids uuid[], post_ids uuid[], event_ids uuid[], voucher_ids uuid[],
        perk_ids uuid[], member_ids uuid[], area_ids uuid[], member_kinds text[],
        idem_keys text[], request_hashes text[], generated_codes text[])
      RETURNS TABLE (item int, outcome text, refusal text, detail text, answer jsonb, answer_hash text)
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE
        n int := cardinality(r_ids);
        st text[]; why text[]; why_detail text[]; ans jsonb[]; ans_hash text[];
        e record;
        i int; j int; w int; sp int; lp int;
        -- perks of the batch
        pk perk[]; pk_ids uuid[];
        -- wallets: spendable points, by member
        w_members uuid[]; w_spendable bigint[];
        -- finite stock, locked
        s_ids uuid[]; s_left int[]; s_taken int[];
        -- pool codes, by perk: the codes taken for this batch and how many are used
        pc_ids uuid[] := '{}'; pc_perks uuid[] := '{}'; pc_codes text[] := '{}'; pc_used boolean[] := '{}'; pj int;
        pcr record;
        -- per-member limits: redemptions counted so far, by member and perk
        l_keys text[] := '{}'; l_used int[] := '{}';
        k perk;
        v_code text; v_code_id uuid; v_deadline timestamptz; v_voucher_mode boolean; v_new_status text;
        v_inserted uuid[];
        created_at_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        -- per item, once decided
        it_code text[]; it_code_id uuid[]; it_deadline timestamptz[]; it_status text[];
      BEGIN
        st := array_fill(NULL::text, ARRAY[n]); why := st; why_detail := st; ans_hash := st; it_code := st; it_status := st;
        ans := array_fill(NULL::jsonb, ARRAY[n]); it_code_id := array_fill(NULL::uuid, ARRAY[n]);
        it_deadline := array_fill(NULL::timestamptz, ARRAY[n]);

        -- Answers already given for these keys.
        FOR e IN
          SELECT u.i, r.request_hash, r.response FROM unnest(member_ids, idem_keys) WITH ORDINALITY AS u(m, k, i)
          JOIN redemption r ON r.member_id = u.m AND r.idempotency_key = u.k
        LOOP
          st[e.i] := 'replay'; ans[e.i] := e.response; ans_hash[e.i] := e.request_hash;
        END LOOP;

        -- The perks, and what can be refused before any lock.
        SELECT array_agg(p ORDER BY p.id), array_agg(p.id ORDER BY p.id) INTO pk, pk_ids
        FROM perk p WHERE p.id = ANY(perk_ids);
        FOR i IN 1..n LOOP
          CONTINUE WHEN st[i] IS NOT NULL;
          j := array_position(pk_ids, perk_ids[i]);
          IF j IS NULL THEN st[i] := 'refused'; why[i] := 'PERK_NOT_FOUND'; CONTINUE; END IF;
          k := pk[j];
          IF k.status <> 'live' OR (k.valid_from IS NOT NULL AND k.valid_from > now())
             OR (k.valid_until IS NOT NULL AND k.valid_until <= now()) THEN
            st[i] := 'refused'; why[i] := 'PERK_NOT_AVAILABLE'; CONTINUE;
          END IF;
          IF (jsonb_array_length(coalesce(k.eligibility -> 'areaIds', '[]')) > 0
                AND NOT coalesce(k.eligibility -> 'areaIds' ? area_ids[i]::text, false))
             OR (jsonb_array_length(coalesce(k.eligibility -> 'memberKinds', '[]')) > 0
                AND NOT coalesce(k.eligibility -> 'memberKinds' ? member_kinds[i], false)) THEN
            st[i] := 'refused'; why[i] := 'PERK_NOT_ELIGIBLE'; CONTINUE;
          END IF;
          -- Sold out is answered from the row as read, without queueing on its lock.
          IF k.stock_left = 0 THEN st[i] := 'refused'; why[i] := 'PERK_OUT_OF_STOCK'; CONTINUE; END IF;
        END LOOP;
        IF NOT EXISTS (SELECT 1 FROM unnest(st) AS u(s) WHERE u.s IS NULL) THEN
          RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h FROM unnest(st, why, why_detail, ans, ans_hash) WITH ORDINALITY AS u(o, y, d, a, h, i);
          RETURN;
        END IF;

        -- Wallets and partner clearing shards, locked (through the ledger); the spendable points of each member.
        SELECT array_agg(a.owner_id), array_agg(a.balance - a.pending) INTO w_members, w_spendable
        FROM ledger_lock_accounts(
          ARRAY(SELECT x FROM unnest(st) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x WHERE u.s IS NULL ORDER BY u.i, x),
          ARRAY(SELECT CASE WHEN x = 'member' THEN member_ids[u.i] ELSE (pk[array_position(pk_ids, perk_ids[u.i])]).partner_id END
                FROM unnest(st) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x WHERE u.s IS NULL ORDER BY u.i, x),
          ARRAY(SELECT CASE WHEN x = 'member' THEN 0 ELSE ledger_shard_of(member_ids[u.i], 64) END::smallint
                FROM unnest(st) WITH ORDINALITY AS u(s, i), unnest(ARRAY['member', 'partner']) AS x WHERE u.s IS NULL ORDER BY u.i, x)
        ) a WHERE a.kind = 'member';

        -- Perks with a finite stock or a code pool, locked: what is left is what this batch may take, and batches of one
        -- pool perk take turns, so none is told the codes ran out while another batch holds codes it will not use.
        SELECT array_agg(p.id ORDER BY p.id), array_agg(p.stock_left ORDER BY p.id) INTO s_ids, s_left
        FROM (SELECT p.id, p.stock_left FROM perk p
              WHERE p.id = ANY(ARRAY(SELECT perk_ids[u.i] FROM unnest(st) WITH ORDINALITY AS u(s, i) WHERE u.s IS NULL))
                AND (p.stock_left IS NOT NULL OR p.fulfilment = 'pool_code') ORDER BY p.id FOR NO KEY UPDATE) p;
        s_taken := array_fill(0, ARRAY[coalesce(cardinality(s_ids), 0)]);

        -- Pool codes: as many as this batch asks of each pool perk, skipping codes other batches hold.
        FOR e IN
          SELECT perk_ids[u.i] AS perk_id, count(*)::int AS wanted FROM unnest(st) WITH ORDINALITY AS u(s, i)
          WHERE u.s IS NULL AND (pk[array_position(pk_ids, perk_ids[u.i])]).fulfilment = 'pool_code' GROUP BY 1
        LOOP
          FOR pcr IN
            SELECT c.id, c.code FROM voucher_code c WHERE c.perk_id = e.perk_id AND c.status = 'available'
            ORDER BY c.id LIMIT e.wanted FOR UPDATE SKIP LOCKED
          LOOP
            pc_ids := pc_ids || pcr.id; pc_perks := pc_perks || e.perk_id; pc_codes := pc_codes || pcr.code; pc_used := pc_used || false;
          END LOOP;
        END LOOP;

        -- Redemptions counted against per-member limits, now that the wallets are locked: no redemption of these
        -- members can commit in between.
        FOR e IN
          SELECT u.m, u.p, count(r.id)::int AS used
          FROM (SELECT DISTINCT member_ids[x.i] AS m, perk_ids[x.i] AS p FROM unnest(st) WITH ORDINALITY AS x(s, i)
                WHERE x.s IS NULL AND (pk[array_position(pk_ids, perk_ids[x.i])]).per_member_limit IS NOT NULL) u
          JOIN perk p ON p.id = u.p
          LEFT JOIN redemption r ON r.perk_id = u.p AND r.member_id = u.m AND r.status IN ('pending', 'fulfilled')
            AND r.created_at >= marketplace_period_start(p.limit_period)
          GROUP BY u.m, u.p
        LOOP
          l_keys := l_keys || (e.m::text || e.p::text); l_used := l_used || e.used;
        END LOOP;

        -- Each request in turn, against what the ones before it took.
        FOR i IN 1..n LOOP
          CONTINUE WHEN st[i] IS NOT NULL;
          k := pk[array_position(pk_ids, perk_ids[i])];
          sp := array_position(s_ids, k.id);
          IF s_left[sp] - s_taken[sp] <= 0 THEN
            st[i] := 'refused'; why[i] := 'PERK_OUT_OF_STOCK'; CONTINUE;
          END IF;
          v_code := NULL; v_code_id := NULL;
          pj := NULL; lp := NULL;
          IF k.fulfilment = 'pool_code' THEN
            FOR j IN 1..cardinality(pc_ids) LOOP
              IF pc_perks[j] = k.id AND NOT pc_used[j] THEN pj := j; EXIT; END IF;
            END LOOP;
            IF pj IS NULL THEN
              st[i] := 'refused'; why[i] := 'PERK_OUT_OF_STOCK'; why_detail[i] := 'No voucher codes are left'; CONTINUE;
            END IF;
            v_code_id := pc_ids[pj]; v_code := pc_codes[pj];
          ELSIF k.fulfilment = 'generated_code' THEN
            v_code := generated_codes[i];
          END IF;
          IF k.per_member_limit IS NOT NULL THEN
            lp := array_position(l_keys, member_ids[i]::text || k.id::text);
            IF l_used[lp] >= k.per_member_limit THEN
              st[i] := 'refused'; why[i] := 'PERK_LIMIT_REACHED'; CONTINUE;
            END IF;
          END IF;
          w := array_position(w_members, member_ids[i]);
          IF w_spendable[w] < k.cost THEN
            st[i] := 'refused'; why[i] := 'LEDGER_INSUFFICIENT_POINTS'; CONTINUE;
          END IF;
          -- Granted.
          w_spendable[w] := w_spendable[w] - k.cost;
          IF sp IS NOT NULL THEN s_taken[sp] := s_taken[sp] + 1; END IF;
          IF lp IS NOT NULL THEN l_used[lp] := l_used[lp] + 1; END IF;
          IF pj IS NOT NULL THEN pc_used[pj] := true; END IF;
          v_voucher_mode := k.fulfilment <> 'manual';
          v_deadline := CASE WHEN v_voucher_mode THEN NULL ELSE now() + make_interval(hours => k.fulfilment_hours) END;
          v_new_status := CASE WHEN v_voucher_mode THEN 'fulfilled' ELSE 'pending' END;
          st[i] := 'created'; it_code[i] := v_code; it_code_id[i] := v_code_id; it_deadline[i] := v_deadline; it_status[i] := v_new_status;
          ans[i] := jsonb_build_object('id', r_ids[i], 'perkId', k.id, 'status', v_new_status, 'cost', k.cost)
            || CASE WHEN v_code IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('voucher', jsonb_build_object('code', v_code)) END
            || jsonb_build_object('deadlineAt', to_char(v_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                  'createdAt', created_at_text);
          ans_hash[i] := request_hashes[i];
        END LOOP;

        IF NOT 'created' = ANY(st) THEN
          RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h FROM unnest(st, why, why_detail, ans, ans_hash) WITH ORDINALITY AS u(o, y, d, a, h, i);
          RETURN;
        END IF;

        -- The redemptions, in their final state. A key another batch used meanwhile is not inserted (ON CONFLICT);
        -- that request is answered with the earlier answer below, and nothing else of it is written. (The requests
        -- decided after it counted it: at worst one of them is refused the last unit or point it could have had;
        -- nothing is ever oversold or spent twice.)
        WITH ins AS (
          INSERT INTO redemption (id, perk_id, partner_id, member_id, status, cost, hold_transfer_id, voucher_code, deadline_at,
            idempotency_key, request_hash, response)
          SELECT r_ids[u.i], perk_ids[u.i], (pk[array_position(pk_ids, perk_ids[u.i])]).partner_id, member_ids[u.i], it_status[u.i],
            (pk[array_position(pk_ids, perk_ids[u.i])]).cost, hold_ids[u.i], it_code[u.i], it_deadline[u.i], idem_keys[u.i],
            request_hashes[u.i], ans[u.i]
          FROM unnest(st) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i
          ON CONFLICT (member_id, idempotency_key) DO NOTHING RETURNING id)
        SELECT array_agg(id) INTO v_inserted FROM ins;
        FOR i IN 1..n LOOP
          IF st[i] = 'created' AND NOT r_ids[i] = ANY(coalesce(v_inserted, '{}')) THEN st[i] := 'conflict'; END IF;
        END LOOP;

        IF 'created' = ANY(st) THEN
          -- Voucher codes: generated ones are unique per perk (a clash, about one in 10^18, undoes the batch: the caller
          -- retries with new codes); pool codes become issued.
          INSERT INTO voucher_code (id, perk_id, code, status, redemption_id)
          SELECT voucher_ids[u.i], perk_ids[u.i], it_code[u.i], 'issued', r_ids[u.i]
          FROM unnest(st) WITH ORDINALITY AS u(s, i)
          WHERE u.s = 'created' AND it_code_id[u.i] IS NULL AND it_code[u.i] IS NOT NULL
          ON CONFLICT (perk_id, code) DO NOTHING;
          GET DIAGNOSTICS j = ROW_COUNT;
          IF j <> (SELECT count(*) FROM unnest(st) WITH ORDINALITY AS u(s, i)
                   WHERE u.s = 'created' AND it_code_id[u.i] IS NULL AND it_code[u.i] IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = 'LC002', MESSAGE = 'VOUCHER_CODE_TAKEN';
          END IF;
          UPDATE voucher_code v SET status = 'issued', redemption_id = r_ids[u.i]
          FROM unnest(st, it_code_id) WITH ORDINALITY AS u(s, c, i) WHERE u.s = 'created' AND v.id = u.c;

          -- The points: a hold each and, for vouchers, its post at once (the ledger checks every rule again).
          PERFORM ledger_transfer(ARRAY(
            SELECT t.spec FROM (
              SELECT u.i, 1 AS n, ROW(hold_ids[u.i], 'redemption:' || r_ids[u.i] || ':hold', 'member', member_ids[u.i],
                'partner', p.partner_id, p.cost, 'hold', NULL, NULL, 'redemption.hold',
                'กันพอยท์เพื่อแลกสิทธิประโยชน์: ' || p.title_th, 'Points held for a redemption: ' || coalesce(p.title_en, p.title_th),
                NULL, 'redemption', r_ids[u.i]::text, NULL,
                -- Backstop: if the marketplace's own deadline sweep never ran, the ledger releases the points itself.
                it_deadline[u.i] + interval '1 hour', member_ids[u.i])::ledger_transfer_spec AS spec
              FROM unnest(st) WITH ORDINALITY AS u(s, i) JOIN perk p ON p.id = perk_ids[u.i] WHERE u.s = 'created'
              UNION ALL
              SELECT u.i, 2, ROW(post_ids[u.i], 'redemption:' || r_ids[u.i] || ':post', 'member', member_ids[u.i],
                'partner', p.partner_id, p.cost, 'post', hold_ids[u.i], NULL, 'redemption.post',
                'แลกสิทธิประโยชน์: ' || p.title_th, 'Redeemed a perk: ' || coalesce(p.title_en, p.title_th),
                NULL, 'redemption', r_ids[u.i]::text, NULL, NULL, NULL)::ledger_transfer_spec
              FROM unnest(st) WITH ORDINALITY AS u(s, i) JOIN perk p ON p.id = perk_ids[u.i]
              WHERE u.s = 'created' AND p.fulfilment <> 'manual') t
            ORDER BY t.i, t.n));

          PERFORM outbox_append(
            ARRAY(SELECT event_ids[u.i] FROM unnest(st) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i),
            ARRAY(SELECT CASE WHEN it_status[u.i] = 'fulfilled' THEN 'redemption.fulfilled' ELSE 'redemption.created' END
                  FROM unnest(st) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i),
            ARRAY(SELECT jsonb_build_object('redemptionId', r_ids[u.i], 'perkId', perk_ids[u.i],
                    'partnerId', (pk[array_position(pk_ids, perk_ids[u.i])]).partner_id, 'memberId', member_ids[u.i],
                    'status', it_status[u.i], 'cost', (pk[array_position(pk_ids, perk_ids[u.i])]).cost)
                  FROM unnest(st) WITH ORDINALITY AS u(s, i) WHERE u.s = 'created' ORDER BY u.i));

          INSERT INTO redemption_history (redemption_id, status, actor_id, note)
          SELECT r_ids[u.i], h.status, CASE WHEN h.n = 1 THEN member_ids[u.i] END, h.note
          FROM unnest(st) WITH ORDINALITY AS u(s, i)
          CROSS JOIN (VALUES (1, 'pending', NULL::text), (2, 'fulfilled', 'voucher issued')) AS h(n, status, note)
          WHERE u.s = 'created' AND (h.n = 1 OR it_status[u.i] = 'fulfilled') ORDER BY u.i, h.n;

          -- Last: the stock (a CHECK keeps it from going below zero).
          UPDATE perk p SET stock_left = p.stock_left - t.taken
          FROM (SELECT perk_ids[u.i] AS id, count(*)::int AS taken FROM unnest(st) WITH ORDINALITY AS u(s, i)
                WHERE u.s = 'created' GROUP BY 1) t
          WHERE p.id = t.id AND p.stock_left IS NOT NULL;
        END IF;

        IF 'conflict' = ANY(st) THEN
          FOR e IN
            SELECT u.i, r.request_hash, r.response FROM unnest(st, member_ids, idem_keys) WITH ORDINALITY AS u(s, m, k, i)
            JOIN redemption r ON r.member_id = u.m AND r.idempotency_key = u.k WHERE u.s = 'conflict'
          LOOP
            st[e.i] := 'replay'; ans[e.i] := e.response; ans_hash[e.i] := e.request_hash;
          END LOOP;
        END IF;
        RETURN QUERY SELECT u.i::int, u.o, u.y, u.d, u.a, u.h FROM unnest(st, why, why_detail, ans, ans_hash) WITH ORDINALITY AS u(o, y, d, a, h, i);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION marketplace_redeem(uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], text[], text[], text[], text[])`,
    );
    await queryRunner.query(`DROP FUNCTION marketplace_period_start(text)`);
    await queryRunner.query(`DROP FUNCTION outbox_append(uuid[], text[], jsonb[])`);
  }
}
