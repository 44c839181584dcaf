/**
 * The formulas of the national data set, as SQL functions in the `seed_national` schema. Rows are made in the
 * database (INSERT … SELECT over generate_series), each value a deterministic function of the row's index and the
 * seed, so a chunk can be made again and comes out the same. The plan's numbers are written into the functions as
 * constants, which lets PostgreSQL inline them.
 *
 * Pseudo-random values come from `hashint8extended(key, seed + salt)`: uniform in [0, 1) per (key, salt).
 */
import { loadTaxonomy } from '../../libs/core/src/reference/reference-data';
import { segmentWordsHere } from '../../libs/innovations/src/text/thai-segmenter';
import { KIND_SLOTS, Plan, TAG } from './plan';

export const SCHEMA = 'seed_national';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `ARRAY[${items.map(quote).join(', ')}]::text[]`;
const words = (text: string) => segmentWordsHere(text).join(' ');

/** Trending (libs/innovations/src/scoring.ts): half-life 3 days, from 2026-01-01. */
const TREND_EPOCH_MS = Date.UTC(2026, 0, 1);
const TREND_TAU_MS = (3 * 24 * 3600 * 1000) / Math.LN2;

export const SYNTHETIC_BODY_TH = 'สร้างขึ้นเพื่อทดสอบระบบ ไม่ใช่ผลงานจริง';
export const SYNTHETIC_BODY_EN = 'Generated to test the platform; not real work.';

export const COMMENT_TEMPLATES = [
  'ขอบคุณสำหรับแนวคิดครับ จะลองนำไปปรับใช้ในห้องเรียน',
  'นักเรียนมีส่วนร่วมมากขึ้นเมื่อใช้กิจกรรมนี้ค่ะ',
  'อยากทราบว่าใช้เวลากี่คาบ และวัดผลอย่างไร',
  'ได้นำไปใช้กับนักเรียนชั้นอื่นแล้ว ได้ผลดีเช่นกัน',
  'เป็นกิจกรรมที่เหมาะกับโรงเรียนขนาดเล็กมาก',
  'แนะนำให้เพิ่มใบงานสำหรับนักเรียนที่เรียนช้า',
];

export function functionsSql(plan: Plan): string {
  const tax = loadTaxonomy();
  const las = tax.learningAreas;
  const techniques = tax.activeLearningTechniques.filter((t) => t.code !== 'OTHER');
  const grades = tax.gradeLevels.map((g) => g.code);
  const [cbc, kc] = tax.competencyFrameworks as { competencies: { code: string }[] }[];
  const ece = las.findIndex((la) => la.code === 'ECE');
  const kinds = tax.memberKinds;
  const kindTh = (code: string) => kinds.find((k) => k.code === code)!.th;
  const standings = tax.academicStandings.map((s) => s.code);
  const slot = (kind: string) =>
    Math.ceil((KIND_SLOTS.find(([code]) => code === kind)![1] * plan.block) / 1000);
  const S = SCHEMA;
  const M = plan.members;
  const B = plan.block;
  const TB = plan.teachersPerBlock;
  const T = plan.teachers;
  const u = (key: string, salt: number) => `${S}.u(${key}, ${salt})`;
  const staffEnd = {
    partner: M + plan.partners * plan.staffPerPartner,
    moderator: M + plan.partners * plan.staffPerPartner + plan.moderators,
  };
  // A kind's Thai name + "จำลอง" (synthetic), e.g. ครูจำลอง 0001234.
  const kindCase = KIND_SLOTS.map(([code], index) => {
    const next = KIND_SLOTS[index + 1];
    return next ? `WHEN idx % ${B} < ${slot(next[0])} THEN ${quote(code)}` : `ELSE ${quote(code)}`;
  }).join(' ');
  const displayCase = kinds
    .map((kind) => `WHEN ${quote(kind.code)} THEN ${quote(`${kind.th}จำลอง `)}`)
    .join(' ');

  return `
CREATE SCHEMA IF NOT EXISTS ${S};

-- Uniform in [0, 1), a pure function of (key, salt) and the seed.
CREATE OR REPLACE FUNCTION ${S}.u(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (hashint8extended(k, ${plan.seed * 1_000_003} + salt) & 2147483647)::float8 / 2147483648.0
$$;

-- UUIDv7 layout: time, version 7, table tag, variant + seed, index (unique per tag and seed).
CREATE OR REPLACE FUNCTION ${S}.uuid(tag int, idx bigint, ms bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (lpad(to_hex(ms), 12, '0') || '7' || lpad(to_hex(tag), 3, '0') || '${plan.seedHex}' || lpad(to_hex(idx), 12, '0'))::uuid
$$;

CREATE OR REPLACE FUNCTION ${S}.ts(ms bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT TIMESTAMPTZ 'epoch' + ms * INTERVAL '1 millisecond'
$$;

-- Schools: index k → id and code (12 digits starting 98: never a real OBEC school code).
CREATE OR REPLACE FUNCTION ${S}.school_id(k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ${S}.uuid(${TAG.school}, k, ${plan.t0Ms - 86_400_000})
$$;
CREATE OR REPLACE FUNCTION ${S}.school_code(k bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '98' || lpad(k::text, 10, '0')
$$;

-- Members. Sign-ups accelerate over the window (index ~ time²); staff (partners, moderators, OBEC) come first in time.
CREATE OR REPLACE FUNCTION ${S}.member_ms(idx bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN idx >= ${M} THEN ${plan.t0Ms}
              ELSE ${plan.t0Ms} + floor(${plan.memberSpanMs}::float8 * sqrt(idx::float8 / ${M}))::bigint END
$$;
CREATE OR REPLACE FUNCTION ${S}.member_id(idx bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ${S}.uuid(${TAG.member}, idx, ${S}.member_ms(idx))
$$;
-- Members registered by time t (at least the first).
CREATE OR REPLACE FUNCTION ${S}.members_by(t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT greatest(1, least(${M}, floor(${M}::float8 * power(greatest(0, t - ${plan.t0Ms})::float8 / ${plan.memberSpanMs}, 2))::bigint + 1))
$$;
CREATE OR REPLACE FUNCTION ${S}.member_kind(idx bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN idx >= ${staffEnd.moderator} THEN 'executive'
              WHEN idx >= ${staffEnd.partner} THEN 'supervisor'
              WHEN idx >= ${M} THEN 'public'
              ${kindCase} END
$$;
-- Teachers by rank (the k-th teacher), and a teacher's rank.
CREATE OR REPLACE FUNCTION ${S}.teacher_idx(k bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (k / ${TB}) * ${B} + k % ${TB}
$$;
CREATE OR REPLACE FUNCTION ${S}.teacher_rank(idx bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (idx / ${B}) * ${TB} + idx % ${B}
$$;
CREATE OR REPLACE FUNCTION ${S}.teachers_by(t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT greatest(1, least(${T}, (${S}.members_by(t) / ${B}) * ${TB} + least(${S}.members_by(t) % ${B}, ${TB})))
$$;
CREATE OR REPLACE FUNCTION ${S}.director_rank(idx bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (idx / ${B}) * ${plan.directorsPerBlock} + idx % ${B} - ${plan.directorSlot}
$$;
CREATE OR REPLACE FUNCTION ${S}.supervisor_rank(idx bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (idx / ${B}) * ${plan.supervisorsPerBlock} + idx % ${B} - ${plan.supervisorSlot}
$$;
-- A member's school (index), or NULL for area-office staff, the public and partner staff. Directors run school
-- rank mod S; a third of everyone else goes to every tenth school (bigger schools), the rest anywhere.
CREATE OR REPLACE FUNCTION ${S}.member_school(idx bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN ${S}.member_kind(idx) = 'school_director' THEN ${S}.director_rank(idx) % ${plan.schools}
    WHEN ${S}.member_kind(idx) IN ('teacher', 'personnel', 'student', 'parent') AND idx < ${M} THEN
      CASE WHEN ${u('idx', 11)} < 0.3
           THEN least(${plan.schools - 1}, 10 * floor(${u('idx', 12)} * ${Math.ceil(plan.schools / 10)})::bigint)
           ELSE floor(${u('idx', 12)} * ${plan.schools})::bigint END
  END
$$;
CREATE OR REPLACE FUNCTION ${S}.display_name(idx bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN idx >= ${staffEnd.moderator} THEN 'ผู้ดูแลระดับ สพฐ. จำลอง '
              WHEN idx >= ${staffEnd.partner} THEN 'ผู้ดูแลเนื้อหาจำลอง '
              WHEN idx >= ${M} THEN 'เจ้าหน้าที่ภาคีเครือข่ายจำลอง '
              ELSE CASE ${S}.member_kind(idx) ${displayCase} END END || lpad(idx::text, 7, '0')
$$;
CREATE OR REPLACE FUNCTION ${S}.email(idx bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'sn${plan.seed}-' || CASE WHEN idx >= ${M} THEN 'staff' ELSE 'm' END || lpad(idx::text, 8, '0') || '@national.synthetic.invalid'
$$;

-- Innovations. Publishing accelerates like sign-ups; authors are teachers registered by then, the earlier ones a
-- little more often. Quality q drives ratings; popularity (exponential, mean 1) drives how much feedback.
CREATE OR REPLACE FUNCTION ${S}.innovation(i bigint)
RETURNS TABLE (status text, pub_ms bigint, created_ms bigint, author_rank bigint, author_idx bigint, q float8,
  version int, moderated_ms bigint, k_r int, k_c int, k_a int, la1 int, la2 int, g_start int, g_len int,
  fw int, c_start int, c_n int, t1 int, t2 int, license text, endorsed boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT b.status, b.pub_ms, b.created_ms, b.author_rank, ${S}.teacher_idx(b.author_rank), b.q,
    CASE WHEN b.status = 'draft' THEN 1 ELSE 1 + (${u('i', 5)} < 0.15)::int + (${u('i', 5)} < 0.03)::int END,
    CASE WHEN b.status IN ('hidden', 'removed')
         THEN least(${plan.activityEndMs}, b.pub_ms + floor(${u('i', 6)} * 432000000)::bigint) END,
    CASE WHEN b.status = 'draft' THEN 0
         ELSE least(${plan.ratingCap}, floor(${plan.meanRatings} * b.pop * (0.5 + ${u('i', 21)}) + ${u('i', 22)})::int) END,
    CASE WHEN b.status = 'draft' THEN 0
         ELSE least(${plan.commentCap}, floor(${plan.meanComments} * b.pop * (0.5 + ${u('i', 23)}) + ${u('i', 24)})::int) END,
    CASE WHEN b.status = 'draft' THEN 0
         ELSE least(${plan.adoptionCap}, floor(${plan.meanAdoptions} * b.pop * (0.5 + ${u('i', 25)}) + ${u('i', 26)})::int) END,
    b.la1,
    CASE WHEN ${u('i', 8)} < 0.2 THEN (b.la1 + 1 + floor(${u('i', 9)} * ${las.length - 1})::int) % ${las.length} END,
    b.g_start,
    least(1 + floor(${u('i', 11)} * 3)::int, CASE WHEN b.la1 = ${ece} THEN 3 ELSE ${grades.length} END - b.g_start),
    b.fw,
    floor(${u('i', 14)} * CASE b.fw WHEN 0 THEN ${cbc!.competencies.length} ELSE ${kc!.competencies.length} END)::int,
    1 + floor(${u('i', 13)} * 3)::int,
    b.t1,
    CASE WHEN ${u('i', 16)} < 0.35 THEN (b.t1 + 1 + floor(${u('i', 17)} * ${techniques.length - 1})::int) % ${techniques.length} END,
    CASE WHEN ${u('i', 15)} < 0.7 THEN 'CC-BY' WHEN ${u('i', 15)} < 0.85 THEN 'CC-BY-SA' WHEN ${u('i', 15)} < 0.95 THEN 'CC-BY-NC' ELSE 'ARR' END,
    b.status <> 'draft' AND ${u('i', 27)} < ${plan.endorseRate * 2} * (b.q - 2.6) / 2.2
  FROM (
    SELECT a.*,
      floor(CASE WHEN ${u('i', 4)} < 0.5 THEN power(${u('i', 41)}, 1.5) ELSE ${u('i', 41)} END
            * ${S}.teachers_by(a.created_ms))::bigint AS author_rank,
      CASE WHEN a.la1 = ${ece} THEN floor(${u('i', 10)} * 3)::int ELSE 3 + floor(${u('i', 10)} * ${grades.length - 3})::int END AS g_start
    FROM (
      SELECT a0.*, a0.pub_ms - floor(${u('i', 3)} * 864000000)::bigint AS created_ms
      FROM (
      SELECT CASE WHEN ${u('i', 2)} < 0.03 THEN 'draft' WHEN ${u('i', 2)} < 0.045 THEN 'hidden'
                  WHEN ${u('i', 2)} < 0.05 THEN 'removed' ELSE 'published' END AS status,
        ${plan.p0Ms} + floor(${plan.spanPMs}::float8 * sqrt((i + ${u('i', 1)}) / ${plan.innovations}::float8))::bigint AS pub_ms,
        2.6 + 2.2 * ${u('i', 18)} AS q,
        -ln(1 - ${u('i', 19)}) * (0.5 + ${u('i', 18)}) AS pop,
        floor(${u('i', 7)} * ${las.length})::int AS la1,
        CASE WHEN ${u('i', 12)} < 0.7 THEN 0 ELSE 1 END AS fw,
        floor(${u('i', 20)} * ${techniques.length})::int AS t1
      OFFSET 0) a0
    OFFSET 0) a
  OFFSET 0) b
  OFFSET 0
$$;
CREATE OR REPLACE FUNCTION ${S}.innovation_id(i bigint, created_ms bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ${S}.uuid(${TAG.innovation}, i, created_ms)
$$;

-- Ratings of innovation i: k distinct teachers other than the author (a stride coprime with teachers − 1), each
-- rating after both the publication and their own sign-up, most of them soon after.
CREATE OR REPLACE FUNCTION ${S}.ratings(i bigint, author_rank bigint, pub_ms bigint, q float8, k int)
RETURNS TABLE (j int, member_idx bigint, t_ms bigint, overall int, key bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT g.j, m.idx,
    b.base + floor((${plan.activityEndMs} - b.base) * power(${u('i * 4096 + g.j', 31)}, 2))::bigint,
    least(5, greatest(1, round(q + (${u('i * 4096 + g.j', 32)} - 0.5) * 2.4)))::int,
    i * 4096 + g.j
  FROM generate_series(0, k - 1) AS g(j)
  CROSS JOIN LATERAL (SELECT (author_rank + 1
      + (floor(${u('i', 30)} * ${T - 1})::bigint + g.j::bigint * ${plan.stride}) % ${T - 1}) % ${T} AS rank OFFSET 0) r
  CROSS JOIN LATERAL (SELECT ${S}.teacher_idx(r.rank) AS idx OFFSET 0) m
  CROSS JOIN LATERAL (SELECT greatest(pub_ms, ${S}.member_ms(m.idx) + 3600000) AS base OFFSET 0) b
$$;

-- Comments of innovation i: times increase with j; about 30 % reply to an earlier top-level comment (then often by
-- the author); 1 % were deleted later.
CREATE OR REPLACE FUNCTION ${S}.comment_is_reply(i bigint, j int) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT j > 0 AND ${u('i * 4096 + j', 42)} < 0.3
$$;
CREATE OR REPLACE FUNCTION ${S}.comment_ms(i bigint, pub_ms bigint, k int, j int) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT pub_ms + floor((${plan.activityEndMs} - pub_ms) * power((j + ${u('i * 4096 + j', 40)}) / k, 2))::bigint
$$;
CREATE OR REPLACE FUNCTION ${S}.comments(i bigint, author_idx bigint, pub_ms bigint, k int)
RETURNS TABLE (j int, t_ms bigint, member_idx bigint, parent_j int, parent_ms bigint, deleted boolean, template int, key bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT g.j, t.ms,
    CASE WHEN p.j IS NOT NULL AND ${u('i * 4096 + g.j', 46)} < 0.4 THEN author_idx
         ELSE least(${M - 1}, floor(${u('i * 4096 + g.j', 41)} * ${S}.members_by(t.ms))::bigint) END,
    p.j, ${S}.comment_ms(i, pub_ms, k, p.j),
    ${u('i * 4096 + g.j', 44)} < 0.01,
    floor(${u('i * 4096 + g.j', 45)} * ${COMMENT_TEMPLATES.length})::int,
    i * 4096 + g.j
  FROM generate_series(0, k - 1) AS g(j)
  CROSS JOIN LATERAL (SELECT ${S}.comment_ms(i, pub_ms, k, g.j) AS ms,
                             floor(${u('i * 4096 + g.j', 43)} * g.j)::int AS earlier OFFSET 0) t
  CROSS JOIN LATERAL (SELECT CASE WHEN ${S}.comment_is_reply(i, g.j) THEN
      CASE WHEN ${S}.comment_is_reply(i, t.earlier) THEN 0 ELSE t.earlier END END AS j OFFSET 0) p
$$;
-- The time of an innovation's version v (1: its publication; later edits spread over what is left of the window).
CREATE OR REPLACE FUNCTION ${S}.version_ms(i bigint, pub_ms bigint, v int) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT pub_ms + floor((${plan.activityEndMs} - pub_ms) * (v - 1) / 3.0 * ${u('i', 70)})::bigint
$$;

-- Adoption reports of innovation i: k distinct teachers other than the author.
CREATE OR REPLACE FUNCTION ${S}.adoptions(i bigint, author_rank bigint, pub_ms bigint, k int)
RETURNS TABLE (j int, member_idx bigint, t_ms bigint, key bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT g.j, m.idx,
    b.base + floor((${plan.activityEndMs} - b.base) * power(${u('i * 4096 + g.j', 51)}, 1.5))::bigint,
    i * 4096 + g.j
  FROM generate_series(0, k - 1) AS g(j)
  CROSS JOIN LATERAL (SELECT (author_rank + 1
      + (floor(${u('i', 50)} * ${T - 1})::bigint + g.j::bigint * ${plan.stride}) % ${T - 1}) % ${T} AS rank OFFSET 0) r
  CROSS JOIN LATERAL (SELECT ${S}.teacher_idx(r.rank) AS idx OFFSET 0) m
  CROSS JOIN LATERAL (SELECT greatest(pub_ms, ${S}.member_ms(m.idx) + 3600000) AS base OFFSET 0) b
$$;

-- Thai school terms (scoring.ts schoolTerm): term 1 May–October, term 2 November–March, Buddhist Era year.
CREATE OR REPLACE FUNCTION ${S}.school_term(d date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN extract(month FROM d) BETWEEN 5 AND 10 THEN (extract(year FROM d)::int + 543) || '-1'
              WHEN extract(month FROM d) >= 11 THEN (extract(year FROM d)::int + 543) || '-2'
              ELSE (extract(year FROM d)::int + 542) || '-2' END
$$;

-- Trending (scoring.ts addTrendingActivity): ln Σ w·e^{(t − 2026-01-01)/τ}, summed here relative to the window's end.
CREATE OR REPLACE FUNCTION ${S}.trend_term(w float8, t bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT w * exp((t - ${plan.untilMs})::float8 / ${TREND_TAU_MS})
$$;
CREATE OR REPLACE FUNCTION ${S}.trend_key(total float8) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ${(plan.untilMs - TREND_EPOCH_MS) / TREND_TAU_MS}::float8 + ln(total)
$$;

-- Labels, codes and their words (segmented as the app segments Thai) for titles and search.
CREATE OR REPLACE FUNCTION ${S}.labels() RETURNS TABLE (la_code text[], la_th text[], la_en text[], la_words text[],
  tech_code text[], tech_th text[], tech_en text[], tech_words text[], grades text[], cbc text[], kc text[],
  kind_th text[], standings text[], comment_th text[])
LANGUAGE sql IMMUTABLE AS $$
  SELECT ${textArray(las.map((x) => x.code))}, ${textArray(las.map((x) => x.th))}, ${textArray(las.map((x) => x.en))},
    ${textArray(las.map((x) => words(`${x.th} ${x.en}`)))},
    ${textArray(techniques.map((x) => x.code))}, ${textArray(techniques.map((x) => x.th))},
    ${textArray(techniques.map((x) => x.en))}, ${textArray(techniques.map((x) => words(`${x.th} ${x.en}`)))},
    ${textArray(grades)}, ${textArray(cbc!.competencies.map((c) => c.code))}, ${textArray(kc!.competencies.map((c) => c.code))},
    ${textArray(kinds.map((k) => kindTh(k.code)))}, ${textArray(standings)}, ${textArray(COMMENT_TEMPLATES)}
$$;
`;
}

/** Pre-segmented words of the fixed texts (search_tokens is the app's segmentation, space-separated). */
export function fixedWords(): { title: string; summary: string; body: string } {
  return {
    title: words('นวัตกรรมจำลอง'),
    summary: words('ข้อมูลจำลอง synthetic'),
    body: words(`ข้อมูลจำลอง ${SYNTHETIC_BODY_TH} ${SYNTHETIC_BODY_EN}`),
  };
}
