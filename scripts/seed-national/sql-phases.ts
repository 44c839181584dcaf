/**
 * The phases made in the database: schools, members, partners and perks, role grants, innovations (with their
 * versions), ratings, comments, adoption reports, endorsements and ledger accounts. Each chunk is one
 * INSERT … SELECT over a range of indices through the formulas in sql-functions.ts.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { PRIVACY_VERSION, TERMS_VERSION } from '../../libs/identity/src/auth/auth.service';
import { loadTaxonomy } from '../../libs/core/src/reference/reference-data';
import { segmentWordsHere } from '../../libs/innovations/src/text/thai-segmenter';
import { ChunkResult, Phase, SeedContext, sliceOf } from './phase';
import { DAY_MS, partnerId, perkId, Plan, TAG } from './plan';
import { fixedWords, SCHEMA as S, SYNTHETIC_BODY_EN, SYNTHETIC_BODY_TH } from './sql-functions';

const rows = (result: { rowCount: number | null }) => result.rowCount ?? 0;
const chunksOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** Our members: the e-mail addresses this seed made (staff and members). */
export const memberFilter = (plan: Plan, alias = 'm') =>
  `${alias}.email LIKE 'sn${plan.seed}-%@national.synthetic.invalid'`;

/** Spreads the schools over the areas: primary areas hold about four times as many as secondary ones. */
export function allocateSchools(plan: Plan, areas: { code: string; level: string }[]): number[] {
  const weights = areas.map((area) => {
    const jitter =
      createHash('sha256').update(`${plan.seed}:${area.code}`).digest().readUInt32BE(0) / 2 ** 32;
    return (area.level === 'secondary' ? 0.25 : 1) * (0.6 + 0.8 * jitter);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = plan.schools - areas.length;
  const shares = weights.map((w) => (spare * w) / total);
  const counts = shares.map((share) => 1 + Math.floor(share));
  let left = plan.schools - counts.reduce((a, b) => a + b, 0);
  const order = shares
    .map((share, index) => ({ index, rest: share - Math.floor(share) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let n = 0; left > 0; n = (n + 1) % order.length, left--) counts[order[n]!.index]!++;
  return counts;
}

export function schoolsPhase(): Phase {
  return {
    name: 'schools',
    unit: 'schools',
    chunks: () => 1,
    estimate: (ctx) => ctx.plan.schools,
    async run(ctx, client) {
      const { plan } = ctx;
      const { rows: areas } = await client.query<{
        id: string;
        code: string;
        level: string;
        provinces: string[];
      }>(
        `SELECT a.id, a.code, a.level,
                array(SELECT p.province_code::text FROM area_province p WHERE p.area_id = a.id ORDER BY p.province_code) AS provinces
           FROM area a ORDER BY a.code`,
      );
      if (areas.length === 0) throw new Error('No educational service areas: run the migrations first');
      const counts = allocateSchools(plan, areas);
      const k: number[] = [];
      const areaIds: string[] = [];
      const provinces: string[] = [];
      let next = 0;
      areas.forEach((area, index) => {
        for (let n = 0; n < counts[index]!; n++, next++) {
          k.push(next);
          areaIds.push(area.id);
          provinces.push(area.provinces[n % area.provinces.length] ?? area.provinces[0]!);
        }
      });
      await client.query(
        `INSERT INTO ${S}.area_list (n, area_id) SELECT n - 1, id FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)`,
        [areas.map((a) => a.id)],
      );
      await client.query(
        `INSERT INTO ${S}.school_area (k, area_id, province_code)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::char(2)[])`,
        [k, areaIds, provinces],
      );
      const result = await client.query(
        `INSERT INTO school (id, code, name_th, name_en, area_id, province_code, created_at, updated_at)
         SELECT ${S}.school_id(sa.k), ${S}.school_code(sa.k),
                'โรงเรียนจำลอง ' || lpad((sa.k + 1)::text, 6, '0'), 'Synthetic School ' || lpad((sa.k + 1)::text, 6, '0'),
                sa.area_id, sa.province_code, ${S}.ts($1), ${S}.ts($1)
           FROM ${S}.school_area sa ORDER BY sa.k`,
        [plan.t0Ms - 30 * DAY_MS],
      );
      return { rows: rows(result) };
    },
  };
}

export function membersPhase(): Phase {
  return {
    name: 'members',
    unit: 'members',
    concurrency: 2,
    chunks: (ctx) => chunksOf(ctx.plan.totalMembers, ctx.plan.chunks.members),
    estimate: (ctx) => ctx.plan.totalMembers,
    async run(ctx, client, chunk) {
      const { plan } = ctx;
      const [from, to] = sliceOf(chunk, plan.chunks.members, plan.totalMembers);
      const result = await client.query(
        `INSERT INTO member (id, email, password_hash, display_name, member_kind, school_id, academic_standing,
           learning_areas, status, terms_version, privacy_version, consented_at, created_at, updated_at, disabled_at,
           email_verified_at)
         SELECT ${S}.member_id(g.idx), ${S}.email(g.idx), NULL, ${S}.display_name(g.idx), x.kind,
           ${S}.school_id(${S}.member_school(g.idx)),
           CASE WHEN x.kind IN ('teacher', 'school_director', 'supervisor') THEN l.standings[
             CASE WHEN ${S}.u(g.idx, 13) < 0.3 THEN 1 WHEN ${S}.u(g.idx, 13) < 0.7 THEN 2
                  WHEN ${S}.u(g.idx, 13) < 0.95 THEN 3 ELSE 4 END] END,
           CASE WHEN x.kind = 'teacher' THEN
             CASE WHEN ${S}.u(g.idx, 16) < 0.25
                  THEN ARRAY[l.la_code[1 + floor(${S}.u(g.idx, 17) * 10)::int], l.la_code[1 + (floor(${S}.u(g.idx, 17) * 10)::int + 1) % 10]]
                  ELSE ARRAY[l.la_code[1 + floor(${S}.u(g.idx, 17) * 10)::int]] END
             ELSE '{}'::text[] END,
           CASE WHEN x.disabled THEN 'disabled' ELSE 'active' END, $3, $4, x.created, x.created, x.created,
           CASE WHEN x.disabled THEN x.created + INTERVAL '30 days' END,
           CASE WHEN g.idx >= ${plan.members} OR ${S}.u(g.idx, 15) >= 0.04 THEN x.created + INTERVAL '10 minutes' END
         FROM generate_series($1::bigint, $2::bigint - 1) AS g(idx)
         CROSS JOIN ${S}.labels() l
         CROSS JOIN LATERAL (SELECT ${S}.member_kind(g.idx) AS kind, ${S}.ts(${S}.member_ms(g.idx)) AS created,
                                    g.idx < ${plan.members} AND ${S}.u(g.idx, 14) < 0.002 AS disabled) x`,
        [from, to, TERMS_VERSION, PRIVACY_VERSION],
      );
      return { rows: rows(result) };
    },
  };
}

export function partnersPhase(): Phase {
  return {
    name: 'partners',
    unit: 'partners and perks',
    chunks: () => 1,
    estimate: (ctx) => ctx.plan.partners + ctx.plan.perks.length,
    async run(ctx, client) {
      const { plan } = ctx;
      const staff = plan.members;
      const obecAdmin = plan.members + plan.partners * plan.staffPerPartner + plan.moderators;
      const partners = await client.query(
        `INSERT INTO partner (id, code, name_th, name_en, description_th, description_en, status, created_at, updated_at)
         SELECT ${S}.uuid(${TAG.partner}, p, $2), 'sn${plan.seed}-p' || lpad((p + 1)::text, 3, '0'),
                'ภาคีเครือข่ายจำลอง ' || lpad((p + 1)::text, 3, '0'), 'Synthetic Partner ' || lpad((p + 1)::text, 3, '0'),
                'ข้อมูลจำลองเพื่อทดสอบระบบระดับประเทศ', 'Synthetic data for national-scale testing', 'active',
                ${S}.ts($2), ${S}.ts($2)
           FROM generate_series(0, $1::int - 1) AS p`,
        [plan.partners, plan.t0Ms - 2 * DAY_MS],
      );
      const categories = loadTaxonomy().perkCategories;
      const perks = plan.perks.map((perk) => {
        const category = categories[perk.category]!;
        const titleTh = `สิทธิประโยชน์จำลอง ${String(perk.index + 1).padStart(4, '0')} · ${category.th}`;
        const titleEn = `Synthetic perk ${String(perk.index + 1).padStart(4, '0')} · ${category.en}`;
        return { perk, category, titleTh, titleEn };
      });
      const made = await client.query(
        `INSERT INTO perk (id, partner_id, title_th, title_en, description_th, description_en, category, cost, fulfilment,
           status, approved_by, approved_at, created_by, created_at, updated_at, search_tokens, search_raw)
         SELECT u.id, u.partner_id, u.title_th, u.title_en, 'ข้อมูลจำลองเพื่อทดสอบระบบระดับประเทศ',
                'Synthetic data for national-scale testing', u.category, u.cost, u.fulfilment, 'live',
                ${S}.member_id($8), ${S}.ts($9), ${S}.member_id($10 + u.partner_no * ${plan.staffPerPartner}),
                ${S}.ts($9), ${S}.ts($9), u.tokens, lower(u.title_th || E'\\n' || 'ข้อมูลจำลองเพื่อทดสอบระบบระดับประเทศ')
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $11::int[], $12::text[])
             AS u(id, partner_id, title_th, title_en, category, cost, fulfilment, partner_no, tokens)`,
        [
          perks.map((p) => perkId(plan, p.perk.index)),
          perks.map((p) => partnerId(plan, p.perk.partner)),
          perks.map((p) => p.titleTh),
          perks.map((p) => p.titleEn),
          perks.map((p) => p.category.code),
          perks.map((p) => p.perk.cost),
          perks.map((p) => p.perk.fulfilment),
          obecAdmin,
          plan.t0Ms - DAY_MS,
          staff,
          perks.map((p) => p.perk.partner),
          perks.map((p) => segmentWordsHere(`${p.titleTh}\n${p.titleTh}\n${p.titleEn}`).join(' ')),
        ],
      );
      return { rows: rows(partners) + rows(made) };
    },
  };
}

export function rolesPhase(): Phase {
  return {
    name: 'roles',
    unit: 'role grants',
    chunks: () => 1,
    estimate: ({ plan }) => {
      // Members of a kind: whole blocks, plus the part of the last block past the kind's first slot.
      const ofKind = (slot: number, perBlock: number) =>
        Math.floor(plan.members / plan.block) * perBlock +
        Math.min(perBlock, Math.max(0, (plan.members % plan.block) - slot));
      return (
        plan.staff +
        Math.min(plan.schools, ofKind(plan.directorSlot, plan.directorsPerBlock)) +
        Math.min(2 * 245, ofKind(plan.supervisorSlot, plan.supervisorsPerBlock))
      );
    },
    async run(ctx, client) {
      const { plan } = ctx;
      const M = plan.members;
      const partnerStaff = plan.partners * plan.staffPerPartner;
      const reason = (th: string, en: string) => `'ข้อมูลจำลอง: ${th} (synthetic: ${en})'`;
      const result = await client.query(
        `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, granted_at, reason)
         SELECT ${S}.uuid(${TAG.roleGrant}, idx, ${S}.member_ms(idx)), ${S}.member_id(idx), role, scope_type, scope_id,
                ${S}.ts(${S}.member_ms(idx)), reason
         FROM (
           SELECT ${M} + n AS idx, 'partner_staff' AS role, 'partner' AS scope_type,
                  ${S}.uuid(${TAG.partner}, n / ${plan.staffPerPartner}, ${plan.t0Ms - 2 * DAY_MS}) AS scope_id,
                  ${reason('เจ้าหน้าที่ภาคีเครือข่าย', 'partner staff')} AS reason
             FROM generate_series(0, ${partnerStaff - 1}) AS n
           UNION ALL
           SELECT ${M + partnerStaff} + n, 'moderator', 'national', NULL, ${reason('ผู้ดูแลเนื้อหา', 'moderator')}
             FROM generate_series(0, ${plan.moderators - 1}) AS n
           UNION ALL
           SELECT ${M + partnerStaff + plan.moderators} + n, 'obec_admin', 'national', NULL,
                  ${reason('ผู้ดูแลระดับ สพฐ.', 'OBEC administrator')}
             FROM generate_series(0, ${plan.obecAdmins - 1}) AS n
           UNION ALL
           SELECT idx, 'school_admin', 'school', ${S}.school_id(${S}.director_rank(idx)),
                  ${reason('ผู้อำนวยการดูแลสถานศึกษา', 'school director as school admin')}
             FROM generate_series(0, ${M - 1}) AS idx
            WHERE ${S}.member_kind(idx) = 'school_director' AND ${S}.director_rank(idx) < ${plan.schools}
           UNION ALL
           SELECT idx, 'area_admin', 'area', a.area_id, ${reason('ศึกษานิเทศก์ดูแลเขตพื้นที่', 'supervisor as area admin')}
             FROM generate_series(0, ${M - 1}) AS idx
             JOIN ${S}.area_list a ON a.n = ${S}.supervisor_rank(idx) % (SELECT count(*) FROM ${S}.area_list)
            WHERE ${S}.member_kind(idx) = 'supervisor' AND ${S}.supervisor_rank(idx) < 2 * (SELECT count(*) FROM ${S}.area_list)
         ) g`,
      );
      return { rows: rows(result) };
    },
  };
}

function innovationRange(ctx: SeedContext, chunk: number): [number, number] {
  return sliceOf(chunk, ctx.plan.chunks.innovations, ctx.plan.innovations);
}

export function innovationsPhase(): Phase {
  const body = `## ข้อมูลจำลอง\n\n${SYNTHETIC_BODY_TH}\n\n${SYNTHETIC_BODY_EN}`;
  const bodyHtml = `<h2>ข้อมูลจำลอง</h2>\n<p>${SYNTHETIC_BODY_TH}</p>\n<p>${SYNTHETIC_BODY_EN}</p>`;
  const bodyPlain = `ข้อมูลจำลอง\n\n${SYNTHETIC_BODY_TH}\n\n${SYNTHETIC_BODY_EN}`;
  return {
    name: 'innovations',
    unit: 'innovations',
    concurrency: 2,
    chunks: (ctx) => chunksOf(ctx.plan.innovations, ctx.plan.chunks.innovations),
    estimate: (ctx) => ctx.plan.innovations,
    async run(ctx, client, chunk): Promise<ChunkResult> {
      const [from, to] = innovationRange(ctx, chunk);
      const fixed = fixedWords();
      const made = await client.query(
        `INSERT INTO innovation (id, author_id, school_id, area_id, status, title, summary, body, body_html,
           learning_areas, grade_levels, competencies, competency_codes, techniques, license, version,
           moderation_reason, published_at, created_at, updated_at, search_tokens, search_raw, rating_count,
           rating_sum, rating_score, adoption_count, comment_count, trending_key)
         SELECT ${S}.innovation_id(s.i, s.created_ms), ${S}.member_id(s.author_idx), ${S}.school_id(s.school_k),
           sa.area_id, s.status, c.title, c.summary, $3, $4, c.las, c.grades, c.comps, c.comp_codes, c.techs,
           s.license, s.version,
           CASE s.status WHEN 'hidden' THEN 'ข้อมูลจำลอง: ซ่อนโดยผู้ดูแลเนื้อหา (synthetic: hidden by a moderator)'
                         WHEN 'removed' THEN 'ข้อมูลจำลอง: ลบโดยผู้ดูแลเนื้อหา (synthetic: removed by a moderator)' END,
           CASE WHEN s.status <> 'draft' THEN ${S}.ts(s.pub_ms) END, ${S}.ts(s.created_ms),
           ${S}.ts(CASE WHEN s.status = 'draft' THEN s.created_ms
                        ELSE greatest(${S}.version_ms(s.i, s.pub_ms, s.version), coalesce(s.moderated_ms, 0)) END),
           c.title_words || ' ' || c.title_words || ' ' || c.summary_words || ' ' || $6,
           lower(c.title || E'\\n' || c.summary || E'\\n' || E'\\n' || $5),
           r.n, r.s, (15 + r.s)::float8 / (5 + r.n), a.n, cm.n,
           CASE WHEN s.status = 'draft' THEN -1e9
                ELSE ${S}.trend_key(${S}.trend_term(3, s.pub_ms) + r.tr + cm.tr + a.tr) END
         FROM (SELECT g.i, v.*, ${S}.member_school(v.author_idx) AS school_k
                 FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)
                 CROSS JOIN LATERAL ${S}.innovation(g.i) v) s
         JOIN ${S}.school_area sa ON sa.k = s.school_k
         CROSS JOIN ${S}.labels() l
         CROSS JOIN LATERAL (
           SELECT x.*,
             '${fixed.title} ' || lpad((s.i + 1)::text, 8, '0') || ' ' || l.tech_words[s.t1 + 1] || ' ' || l.la_words[s.la1 + 1] AS title_words,
             '${fixed.summary} ' || l.tech_words[s.t1 + 1] || ' ' || l.la_words[s.la1 + 1] AS summary_words
           FROM (SELECT
             'นวัตกรรมจำลอง ' || lpad((s.i + 1)::text, 8, '0') || ' · ' || l.tech_th[s.t1 + 1] || ' · ' || l.la_th[s.la1 + 1] AS title,
             'ข้อมูลจำลอง: ' || l.tech_th[s.t1 + 1] || ' · ' || l.la_th[s.la1 + 1] || ' (synthetic)' AS summary,
             CASE WHEN s.la2 IS NULL THEN ARRAY[l.la_code[s.la1 + 1]]
                  ELSE ARRAY[l.la_code[s.la1 + 1], l.la_code[s.la2 + 1]] END AS las,
             l.grades[s.g_start + 1 : s.g_start + s.g_len] AS grades,
             (SELECT jsonb_agg(jsonb_build_object('code', f.codes[(s.c_start + t) % cardinality(f.codes) + 1],
                                                  'strength', 1 + floor(${S}.u(s.i * 8 + t, 60) * 3)::int) ORDER BY t)
                FROM generate_series(0, s.c_n - 1) AS t) AS comps,
             ARRAY(SELECT f.codes[(s.c_start + t) % cardinality(f.codes) + 1] FROM generate_series(0, s.c_n - 1) AS t ORDER BY t) AS comp_codes,
             CASE WHEN s.t2 IS NULL THEN ARRAY[l.tech_code[s.t1 + 1]]
                  ELSE ARRAY[l.tech_code[s.t1 + 1], l.tech_code[s.t2 + 1]] END AS techs
             FROM (SELECT CASE s.fw WHEN 0 THEN l.cbc ELSE l.kc END AS codes) f) x
         ) c
         CROSS JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum(x.overall), 0)::int AS s,
                                    coalesce(sum(${S}.trend_term(2, x.t_ms)), 0) AS tr
                               FROM ${S}.ratings(s.i, s.author_rank, s.pub_ms, s.q, s.k_r) x) r
         CROSS JOIN LATERAL (SELECT (count(*) FILTER (WHERE NOT x.deleted))::int AS n,
                                    coalesce(sum(${S}.trend_term(1, x.t_ms)), 0) AS tr
                               FROM ${S}.comments(s.i, s.author_idx, s.pub_ms, s.k_c) x) cm
         CROSS JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum(${S}.trend_term(4, x.t_ms)), 0) AS tr
                               FROM ${S}.adoptions(s.i, s.author_rank, s.pub_ms, s.k_a) x) a`,
        [from, to, body, bodyHtml, bodyPlain.toLowerCase(), fixed.body],
      );
      const versions = await client.query(
        `INSERT INTO innovation_version (innovation_id, version, editor_id, snapshot, created_at)
         SELECT n.id, v.v, n.author_id,
           jsonb_build_object('title', n.title, 'summary', n.summary, 'body', n.body,
             'learningAreas', to_jsonb(n.learning_areas), 'gradeLevels', to_jsonb(n.grade_levels),
             'competencies', n.competencies, 'techniques', to_jsonb(n.techniques), 'tags', to_jsonb(n.tags),
             'context', n.context, 'links', n.links, 'license', n.license),
           ${S}.ts(${S}.version_ms(g.i, s.pub_ms, v.v))
         FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)
         CROSS JOIN LATERAL ${S}.innovation(g.i) s
         JOIN innovation n ON n.id = ${S}.innovation_id(g.i, s.created_ms)
         CROSS JOIN LATERAL generate_series(1, s.version) AS v(v)
         WHERE s.status <> 'draft'`,
        [from, to],
      );
      return { rows: rows(made), meta: { versions: rows(versions) } };
    },
  };
}

function feedbackPhase(name: string, unit: string, estimate: (plan: Plan) => number, sql: string): Phase {
  return {
    name,
    unit,
    concurrency: 2,
    chunks: (ctx) => chunksOf(ctx.plan.innovations, ctx.plan.chunks.feedback),
    estimate: (ctx) => estimate(ctx.plan),
    async run(ctx, client, chunk) {
      const [from, to] = sliceOf(chunk, ctx.plan.chunks.feedback, ctx.plan.innovations);
      return { rows: rows(await client.query(sql, [from, to])) };
    },
  };
}

const innovationSource = `
  FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)
  CROSS JOIN LATERAL ${S}.innovation(g.i) s
  CROSS JOIN ${S}.labels() l`;

export function ratingsPhase(): Phase {
  const fit = (salt: number) =>
    `least(5, greatest(1, x.overall + floor(${S}.u(x.key, ${salt}) * 3)::int - 1))`;
  return feedbackPhase(
    'ratings',
    'ratings',
    (plan) => plan.meanRatings * plan.innovations * 0.97,
    `INSERT INTO innovation_rating (innovation_id, member_id, overall, clarity, effect, adoptability, competency_fit,
       competencies, created_at, updated_at)
     SELECT ${S}.innovation_id(g.i, s.created_ms), ${S}.member_id(x.member_idx), x.overall,
       ${fit(33)}, ${fit(34)}, ${fit(35)}, ${fit(36)},
       CASE WHEN ${S}.u(x.key, 37) < 0.6
            THEN jsonb_build_object((CASE s.fw WHEN 0 THEN l.cbc ELSE l.kc END)[s.c_start % (CASE s.fw WHEN 0 THEN cardinality(l.cbc) ELSE cardinality(l.kc) END) + 1], ${fit(38)})
            ELSE '{}'::jsonb END,
       ${S}.ts(x.t_ms), ${S}.ts(x.t_ms)
     ${innovationSource}
     CROSS JOIN LATERAL ${S}.ratings(g.i, s.author_rank, s.pub_ms, s.q, s.k_r) x`,
  );
}

export function commentsPhase(): Phase {
  return feedbackPhase(
    'comments',
    'comments',
    (plan) => plan.meanComments * plan.innovations * 0.97,
    `INSERT INTO innovation_comment (id, innovation_id, author_id, parent_id, body, created_at, deleted_at, deleted_by)
     SELECT ${S}.uuid(${TAG.comment}, x.key, x.t_ms), ${S}.innovation_id(g.i, s.created_ms), ${S}.member_id(x.member_idx),
       CASE WHEN x.parent_j IS NOT NULL THEN ${S}.uuid(${TAG.comment}, g.i * 4096 + x.parent_j, x.parent_ms) END,
       CASE WHEN NOT x.deleted THEN l.comment_th[x.template + 1] || ' (ความคิดเห็นจำลอง / synthetic comment)' END,
       ${S}.ts(x.t_ms),
       CASE WHEN x.deleted THEN ${S}.ts(x.t_ms) + INTERVAL '1 hour' END,
       CASE WHEN x.deleted THEN ${S}.member_id(x.member_idx) END
     ${innovationSource}
     CROSS JOIN LATERAL ${S}.comments(g.i, s.author_idx, s.pub_ms, s.k_c) x`,
  );
}

export function adoptionsPhase(): Phase {
  return feedbackPhase(
    'adoptions',
    'adoption reports',
    (plan) => plan.meanAdoptions * plan.innovations * 0.97,
    `INSERT INTO innovation_adoption (id, innovation_id, member_id, school_id, grade_level, class_size, used_on,
       school_term, notes, created_at)
     SELECT ${S}.uuid(${TAG.adoption}, x.key, x.t_ms), ${S}.innovation_id(g.i, s.created_ms), ${S}.member_id(x.member_idx),
       ${S}.school_id(${S}.member_school(x.member_idx)),
       l.grades[s.g_start + 1 + floor(${S}.u(x.key, 52) * s.g_len)::int], 8 + floor(${S}.u(x.key, 53) * 38)::int,
       d.used_on, ${S}.school_term(d.used_on), '', ${S}.ts(x.t_ms)
     ${innovationSource}
     CROSS JOIN LATERAL ${S}.adoptions(g.i, s.author_rank, s.pub_ms, s.k_a) x
     CROSS JOIN LATERAL (SELECT greatest((${S}.ts(s.pub_ms) AT TIME ZONE 'Asia/Bangkok')::date,
                                         (${S}.ts(x.t_ms) AT TIME ZONE 'Asia/Bangkok')::date - floor(${S}.u(x.key, 54) * 14)::int)
                                AS used_on) d`,
  );
}

export function endorsementsPhase(): Phase {
  return {
    name: 'endorsements',
    unit: 'endorsements',
    concurrency: 2,
    chunks: (ctx) => chunksOf(ctx.plan.innovations, ctx.plan.chunks.feedback * 5),
    estimate: (ctx) => ctx.plan.innovations * 0.95 * ctx.plan.endorseRate,
    async run(ctx, client, chunk) {
      const { plan } = ctx;
      const [from, to] = sliceOf(chunk, plan.chunks.feedback * 5, plan.innovations);
      const result = await client.query(
        `INSERT INTO endorsement (id, partner_id, innovation_id, staff_id, statement, created_at)
         SELECT ${S}.uuid(${TAG.endorsement}, g.i, e.ms), ${S}.uuid(${TAG.partner}, e.p, ${plan.t0Ms - 2 * DAY_MS}),
           ${S}.innovation_id(g.i, s.created_ms), ${S}.member_id(${plan.members} + e.p * ${plan.staffPerPartner} + e.n),
           'ข้อมูลจำลอง: ภาคีเครือข่ายรับรองนวัตกรรมนี้ว่าใช้ได้จริงในห้องเรียน (synthetic endorsement)', ${S}.ts(e.ms)
         FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)
         CROSS JOIN LATERAL ${S}.innovation(g.i) s
         CROSS JOIN LATERAL (SELECT floor(${S}.u(g.i, 61) * ${plan.partners})::int AS p,
                                    floor(${S}.u(g.i, 62) * ${plan.staffPerPartner})::int AS n,
                                    least(${plan.activityEndMs}, s.pub_ms + floor(${S}.u(g.i, 63) * ${30 * DAY_MS})::bigint) AS ms) e
         WHERE s.endorsed`,
        [from, to],
      );
      return { rows: rows(result) };
    },
  };
}

/** Ledger accounts: one wallet per member, and the 64 clearing shards of every partner. */
export function accountsPhase(): Phase {
  return {
    name: 'accounts',
    unit: 'ledger accounts',
    chunks: () => 1,
    estimate: (ctx) => ctx.plan.totalMembers + ctx.plan.partners * 64,
    async run(ctx, client) {
      const { plan } = ctx;
      const members = await client.query(
        `INSERT INTO ledger_account (id, kind, owner_id, shard, created_at)
         SELECT ${S}.uuid(${TAG.memberAccount}, x.pos, (extract(epoch FROM x.created_at) * 1000)::bigint),
                'member', x.id, 0, x.created_at
           FROM (SELECT m.id, m.created_at, row_number() OVER (ORDER BY m.id) - 1 AS pos
                   FROM member m WHERE ${memberFilter(plan)}) x`,
      );
      const partners = await client.query(
        `INSERT INTO ledger_account (id, kind, owner_id, shard, created_at)
         SELECT ${S}.uuid(${TAG.partnerAccount}, p * 64 + s, $2), 'partner', ${S}.uuid(${TAG.partner}, p, $2),
                s, ${S}.ts($2)
           FROM generate_series(0, $1::int - 1) AS p, generate_series(0, 63) AS s`,
        [plan.partners, plan.t0Ms - 2 * DAY_MS],
      );
      return { rows: rows(members) + rows(partners) };
    },
  };
}

export async function queryNumber(client: Client, sql: string, values: unknown[] = []): Promise<number> {
  const { rows: result } = await client.query<{ n: string }>(sql, values);
  return Number(result[0]?.n ?? 0);
}
