/**
 * `npm run bench:search`: seeds BENCH_INNOVATIONS (default 100,000) innovations of Thai text into a fresh
 * database `lc_bench_search`, then times BENCH_QUERIES (default 200) Thai searches with filters and sorts through
 * the real `InnovationsService.list()` — the code path behind `GET /api/v1/innovations` — and prints p50/p95.
 * Target: p95 < 100 ms on 2 cores.
 *
 * The server is DATABASE_URL when set, otherwise an embedded PostgreSQL with its own data directory
 * (`.data/pg-bench`), so it never clashes with the test or quickstart servers.
 *
 * Other knobs: BENCH_SEED (random seed, default 1), BENCH_REUSE=1 (keep an existing benchmark database of the
 * same size instead of seeding again), BENCH_EXPLAIN=n (print EXPLAIN ANALYZE of the n slowest queries),
 * BENCH_JSON=file (write every measured query with its SQL, parameters and timings, to replay variants by hand).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { uuidv7 } from '../../libs/core/src/ids';
import { DEFAULT_PAGE_SIZE } from '../../libs/core/src/pagination';
import { loadTaxonomy } from '../../libs/core/src/reference/reference-data';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { runMigrations } from '../../libs/database/src/migrate';
import { InnovationsRepository } from '../../libs/innovations/src/innovations.repository';
import {
  InnovationFilter,
  InnovationsService,
  SortOrder,
} from '../../libs/innovations/src/innovations.service';
import {
  ACTIVITY_WEIGHT,
  addTrendingActivity,
  bayesianScore,
  NO_ACTIVITY,
} from '../../libs/innovations/src/scoring';
import { renderMarkdown } from '../../libs/innovations/src/text/markdown';
import { searchRaw, searchTokens } from '../../libs/innovations/src/text/thai-search';
import { OutboxService } from '../../libs/messaging/src/outbox.service';
import {
  createDatabase,
  localServerHome,
  redact,
  startEmbeddedPostgres,
  withDatabase,
} from '../local-services';
import * as V from './vocabulary';

const DATABASE_NAME = 'lc_bench_search';
const INNOVATIONS = positiveInt('BENCH_INNOVATIONS', 100_000);
const QUERIES = positiveInt('BENCH_QUERIES', 200);
const SEED = positiveInt('BENCH_SEED', 1);
const EXPLAIN = Number(process.env.BENCH_EXPLAIN ?? 0) || 0;
const REUSE = process.env.BENCH_REUSE === '1';
const JSON_FILE = process.env.BENCH_JSON;
const WARMUP = 20;
const BATCH = 2000;
const SCHOOLS = 40;
const MEMBERS = 400;
const TARGET_P95_MS = 100;
const DAY_MS = 24 * 3600 * 1000;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness, so two runs seed the same data and ask the same questions.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = mulberry32(SEED);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** Earlier entries come up far more often (roughly Zipf), so some words are common and others rare. */
const skewed = <T>(list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)]!;
const chance = (p: number) => random() < p;

function sample<T>(list: readonly T[], count: number, draw: (l: readonly T[]) => T = pick): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(draw(list));
  return [...chosen];
}

function weighted<T extends string>(weights: Record<T, number>): T {
  let r = random() * Object.values<number>(weights).reduce((a, b) => a + b, 0);
  for (const [key, weight] of Object.entries<number>(weights)) {
    if ((r -= weight) < 0) return key as T;
  }
  return Object.keys(weights)[0] as T;
}

// ---------------------------------------------------------------------------------------------------------
// The taxonomy, as the platform uses it.

const taxonomy = loadTaxonomy();
const LEARNING_AREAS = taxonomy.learningAreas.map((a) => a.code);
const AREA_LABEL = new Map(taxonomy.learningAreas.map((a) => [a.code, a.th]));
const GRADES = taxonomy.gradeLevels.map((g) => g.code);
const GRADE_LABEL = new Map(taxonomy.gradeLevels.map((g) => [g.code, g.th]));
const FRAMEWORKS = taxonomy.competencyFrameworks.map((f) => f.competencies.map((c) => c.code));
const COMPETENCIES = FRAMEWORKS.flat();
const TECHNIQUES = taxonomy.activeLearningTechniques.map((t) => t.code);
const TECHNIQUE_LABEL = new Map(taxonomy.activeLearningTechniques.map((t) => [t.code, t.th]));

// ---------------------------------------------------------------------------------------------------------
// Thai text.

interface Theme {
  areaLabel: string;
  topic: string;
  skill: string;
  material: string;
  learner: string;
  grade: string;
  technique: string;
}

const TITLES: ((t: Theme) => string)[] = [
  (t) => `การพัฒนา${t.skill}เรื่อง${t.topic}ของ${t.learner}ชั้น${t.grade}โดยใช้${t.material}`,
  (t) => `${t.material}เรื่อง${t.topic}เพื่อส่งเสริม${t.skill}`,
  (t) => `${t.technique}เรื่อง${t.topic}สำหรับ${t.learner}ชั้น${t.grade}`,
  (t) => `${t.topic}แสนสนุกด้วย${t.material}`,
  (t) => `ผลการใช้${t.material}ร่วมกับ${t.technique}ที่มีต่อ${t.skill}ของ${t.learner}`,
  (t) => `เรียนรู้${t.topic}ผ่าน${t.material}`,
  (t) => `การเสริมสร้าง${t.skill}ด้วย${t.technique}`,
];

const SUMMARIES: ((t: Theme) => string)[] = [
  (t) => `นวัตกรรมนี้ใช้${t.material}ร่วมกับ${t.technique}เพื่อพัฒนา${t.skill}ของ${t.learner}ในกลุ่มสาระ${t.areaLabel}`,
  (t) => `เหมาะสำหรับครูที่ต้องการสอนเรื่อง${t.topic}ให้${t.learner}เข้าใจง่ายและสนุกกับการเรียน`,
  (t) => `ทดลองใช้กับ${t.learner}จำนวน ${between(8, 45)} คน พบว่า${t.skill}${pick(V.RESULTS)}`,
  (t) => `แก้ปัญหา${t.learner}ที่ยังไม่เข้าใจเรื่อง${t.topic}ด้วย${t.material}ที่ทำได้เองในโรงเรียน`,
];

const SENTENCES: ((t: Theme) => string)[] = [
  (t) => `ที่มาของนวัตกรรมคือ${t.learner}จำนวนมากยังขาด${t.skill}โดยเฉพาะเรื่อง${t.topic}`,
  () => `ครูเริ่มบทเรียนด้วย${pick(V.OPENERS)}เพื่อกระตุ้นความสนใจ`,
  () => `จากนั้นให้นักเรียนแบ่งกลุ่มกลุ่มละ ${between(3, 6)} คนร่วมกัน${pick(V.ACTIVITIES)}`,
  (t) => `นักเรียนใช้${t.material}ในการ${pick(V.ACTIVITIES)}เกี่ยวกับ${t.topic}`,
  () => `ครูทำหน้าที่เป็นผู้อำนวยความสะดวกและตั้งคำถามกระตุ้นการคิด`,
  () => `ขั้นสรุปให้นักเรียน${pick(V.ACTIVITIES)}และเขียนสะท้อนคิดสิ่งที่ได้เรียนรู้`,
  () => `วัดผลด้วย${pick(V.ASSESSMENTS)}`,
  () => `ผลการใช้พบว่าคะแนนเฉลี่ยหลังเรียนสูงกว่าก่อนเรียนร้อยละ ${between(8, 40)}`,
  () => `นักเรียนมีความพึงพอใจต่อการเรียนในระดับ${pick(['มาก', 'มากที่สุด'])}`,
  (t) => `ข้อควรระวังคือควรเตรียม${t.material}ให้เพียงพอต่อจำนวนนักเรียน`,
  () => `สามารถนำไปประยุกต์ใช้กับเรื่อง${skewed(V.TOPICS[pick(LEARNING_AREAS)]!)}ได้เช่นกัน`,
  () => `ใช้เวลาทั้งหมด ${between(2, 8)} คาบ คาบละ 50 นาที`,
  () => `ผู้ปกครองและชุมชนมีส่วนร่วมโดย${pick(V.COMMUNITY)}`,
  (t) => `${t.technique}ช่วยให้${t.learner}ได้ลงมือทำและเชื่อมโยงความรู้กับชีวิตจริง`,
];

function compose(theme: Theme, minLength: number, maxLength: number): string {
  const target = between(minLength, maxLength);
  const markdown = chance(0.3);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const sentence = pick(SENTENCES)(theme);
    parts.push(markdown && parts.length > 0 ? `- ${sentence}` : sentence);
    length += sentence.length + 1;
  }
  if (!markdown) return parts.join(' ');
  return `## ${pick(['ขั้นตอนการจัดกิจกรรม', 'แนวทางการนำไปใช้', 'รายละเอียดนวัตกรรม'])}\n\n${parts[0]}\n\n${parts.slice(1).join('\n')}`;
}

function gradeRange(areas: string[]): string[] {
  if (areas.includes('ECE')) return GRADES.slice(0, 3).slice(between(0, 2));
  const school = GRADES.slice(3);
  const start = between(0, school.length - 1);
  return school.slice(start, start + between(1, 3));
}

// ---------------------------------------------------------------------------------------------------------
// Seeding.

interface Author {
  id: string;
  schoolId: string;
  areaId: string;
}

interface InnovationSeed {
  id: string;
  authorId: string;
  schoolId: string;
  areaId: string;
  status: string;
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: number }[];
  techniques: string[];
  tags: string[];
  context: object;
  license: string;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  searchTokens: string;
  searchRaw: string;
  ratingCount: number;
  ratingSum: number;
  ratingScore: number;
  adoptionCount: number;
  commentCount: number;
  trendingKey: number;
}

function makeInnovation(author: Author, now: number): InnovationSeed {
  const learningAreas = chance(0.8) ? [skewed(LEARNING_AREAS)] : sample(LEARNING_AREAS, 2, skewed);
  const gradeLevels = gradeRange(learningAreas);
  const framework = pick(FRAMEWORKS);
  const competencies = sample(framework, between(1, 3)).map((code) => ({ code, strength: between(1, 3) }));
  const techniques = sample(TECHNIQUES, between(1, 2), skewed);
  const theme: Theme = {
    areaLabel: AREA_LABEL.get(learningAreas[0]!)!,
    topic: skewed(V.TOPICS[learningAreas[0]!]!),
    skill: skewed(V.SKILLS),
    material: skewed(V.MATERIALS),
    learner: skewed(V.LEARNERS),
    grade: GRADE_LABEL.get(gradeLevels[0]!)!,
    technique: TECHNIQUE_LABEL.get(techniques[0]!)!,
  };
  const title = pick(TITLES)(theme).slice(0, 200);
  const summary = [pick(SUMMARIES)(theme), ...(chance(0.4) ? [pick(SUMMARIES)(theme)] : [])].join(' ');
  const body = compose(theme, 90, 340);
  const tags = sample(V.TAGS, between(1, 3), skewed);
  if (chance(0.5)) tags.push(theme.topic);

  const status = weighted({ published: 92, draft: 3, hidden: 3, removed: 2 });
  const publishedAt = status === 'draft' ? null : new Date(now - random() * 365 * DAY_MS);
  const createdAt = new Date(
    (publishedAt?.getTime() ?? now - random() * 365 * DAY_MS) - random() * 20 * DAY_MS,
  );
  const ratingCount = chance(0.4) ? 0 : Math.floor(random() ** 3 * 60) + 1;
  let ratingSum = 0;
  for (let r = 0; r < ratingCount; r++) ratingSum += Number(weighted({ 5: 35, 4: 40, 3: 17, 2: 5, 1: 3 }));
  const adoptionCount = chance(0.6) ? 0 : Math.floor(random() ** 3 * 40) + 1;
  const commentCount = Math.floor(random() ** 2 * 15);
  let trendingKey = NO_ACTIVITY;
  if (publishedAt) {
    trendingKey = addTrendingActivity(trendingKey, ACTIVITY_WEIGHT.published, publishedAt);
    const since = publishedAt.getTime();
    const activities: [number, number][] = [
      [Math.min(ratingCount, 5), ACTIVITY_WEIGHT.rating],
      [Math.min(adoptionCount, 3), ACTIVITY_WEIGHT.adoption],
      [Math.min(commentCount, 3), ACTIVITY_WEIGHT.comment],
    ];
    for (const [count, weight] of activities) {
      for (let a = 0; a < count; a++) {
        trendingKey = addTrendingActivity(trendingKey, weight, new Date(since + random() * (now - since)));
      }
    }
  }
  const text = { title, summary, body, tags };
  return {
    id: uuidv7(createdAt.getTime()),
    authorId: author.id,
    schoolId: author.schoolId,
    areaId: author.areaId,
    status,
    title,
    summary,
    body,
    bodyHtml: renderMarkdown(body),
    learningAreas,
    gradeLevels,
    competencies,
    techniques,
    tags,
    context: {
      schoolSize: pick(['small', 'medium', 'large']),
      setting: pick(['rural', 'urban']),
      classSize: between(8, 45),
    },
    license: weighted({ 'CC-BY': 60, 'CC-BY-SA': 20, 'CC-BY-NC': 15, ARR: 5 }),
    publishedAt,
    createdAt,
    updatedAt: publishedAt ?? createdAt,
    searchTokens: searchTokens(text),
    searchRaw: searchRaw(text),
    ratingCount,
    ratingSum,
    ratingScore: bayesianScore(ratingCount, ratingSum),
    adoptionCount,
    commentCount,
    trendingKey,
  };
}

/** A PostgreSQL array literal, so arrays of arrays can travel through one unnest() parameter. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const INSERT_INNOVATIONS = `
  INSERT INTO innovation (id, author_id, school_id, area_id, status, title, summary, body, body_html, learning_areas,
    grade_levels, competencies, competency_codes, techniques, tags, context, license, published_at, created_at,
    updated_at, search_tokens, search_raw, rating_count, rating_sum, rating_score, adoption_count, comment_count,
    trending_key)
  SELECT id, author_id, school_id, area_id, status, title, summary, body, body_html, learning_areas::text[],
    grade_levels::text[], competencies::jsonb, competency_codes::text[], techniques::text[], tags::text[],
    context::jsonb, license, published_at, created_at, updated_at, search_tokens, search_raw, rating_count,
    rating_sum, rating_score, adoption_count, comment_count, trending_key
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
    $17::text[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[], $23::int[],
    $24::int[], $25::float8[], $26::int[], $27::int[], $28::float8[])
    AS t(id, author_id, school_id, area_id, status, title, summary, body, body_html, learning_areas, grade_levels,
      competencies, competency_codes, techniques, tags, context, license, published_at, created_at, updated_at,
      search_tokens, search_raw, rating_count, rating_sum, rating_score, adoption_count, comment_count, trending_key)`;

function insertBatch(client: Client, rows: InnovationSeed[]): Promise<unknown> {
  const column = <T>(get: (row: InnovationSeed) => T) => rows.map(get);
  return client.query(INSERT_INNOVATIONS, [
    column((r) => r.id),
    column((r) => r.authorId),
    column((r) => r.schoolId),
    column((r) => r.areaId),
    column((r) => r.status),
    column((r) => r.title),
    column((r) => r.summary),
    column((r) => r.body),
    column((r) => r.bodyHtml),
    column((r) => arrayLiteral(r.learningAreas)),
    column((r) => arrayLiteral(r.gradeLevels)),
    column((r) => JSON.stringify(r.competencies)),
    column((r) => arrayLiteral(r.competencies.map((c) => c.code))),
    column((r) => arrayLiteral(r.techniques)),
    column((r) => arrayLiteral(r.tags)),
    column((r) => JSON.stringify(r.context)),
    column((r) => r.license),
    column((r) => r.publishedAt?.toISOString() ?? null),
    column((r) => r.createdAt.toISOString()),
    column((r) => r.updatedAt.toISOString()),
    column((r) => r.searchTokens),
    column((r) => r.searchRaw),
    column((r) => r.ratingCount),
    column((r) => r.ratingSum),
    column((r) => r.ratingScore),
    column((r) => r.adoptionCount),
    column((r) => r.commentCount),
    column((r) => r.trendingKey),
  ]);
}

/** Schools in real educational service areas, and teachers in them. */
async function seedPeople(client: Client): Promise<{ authors: Author[]; areaIds: string[] }> {
  const areas = await client.query<{ id: string; province: string }>(
    `SELECT a.id, min(ap.province_code) AS province FROM area a JOIN area_province ap ON ap.area_id = a.id
     GROUP BY a.id, a.code ORDER BY a.code`,
  );
  const chosen = sample(areas.rows, Math.ceil(SCHOOLS / 1.6));
  const schools = Array.from({ length: SCHOOLS }, (_, i) => {
    const area = chosen[i % chosen.length]!;
    return {
      id: uuidv7(),
      code: `99950${String(i + 1).padStart(5, '0')}`,
      name: `โรงเรียน${pick(V.SCHOOL_PLACES)} ${i + 1} (ข้อมูลทดสอบประสิทธิภาพ)`,
      areaId: area.id,
      province: area.province,
    };
  });
  await client.query(
    `INSERT INTO school (id, code, name_th, area_id, province_code)
     SELECT id, code, name, area_id, province::char(2)
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[]) AS t(id, code, name, area_id, province)`,
    [
      schools.map((s) => s.id),
      schools.map((s) => s.code),
      schools.map((s) => s.name),
      schools.map((s) => s.areaId),
      schools.map((s) => s.province),
    ],
  );
  const authors = Array.from({ length: MEMBERS }, (_, i) => {
    const school = skewed(schools);
    return {
      id: uuidv7(),
      email: `bench-${i + 1}@bench.local`,
      name: `ครู${pick(V.FIRST_NAMES)} ${pick(V.LAST_NAMES)}`,
      schoolId: school.id,
      areaId: school.areaId,
    };
  });
  await client.query(
    `INSERT INTO member (id, email, display_name, member_kind, school_id, terms_version, privacy_version, consented_at)
     SELECT id, email, name, 'teacher', school_id, 'bench', 'bench', now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS t(id, email, name, school_id)`,
    [
      authors.map((a) => a.id),
      authors.map((a) => a.email),
      authors.map((a) => a.name),
      authors.map((a) => a.schoolId),
    ],
  );
  return { authors, areaIds: [...new Set(schools.map((s) => s.areaId))].sort() };
}

async function seed(client: Client): Promise<string[]> {
  const started = performance.now();
  const { authors, areaIds } = await seedPeople(client);
  const now = Date.now();
  let generatingMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let textLength = 0;
  for (let done = 0; done < INNOVATIONS;) {
    const generateStart = performance.now();
    const size = Math.min(BATCH, INNOVATIONS - done);
    const rows = Array.from({ length: size }, () => makeInnovation(skewed(authors), now));
    for (const row of rows) textLength += row.body.length;
    generatingMs += performance.now() - generateStart;
    // Generating the next batch overlaps with PostgreSQL inserting this one.
    await pending;
    pending = insertBatch(client, rows);
    done += size;
    if (done % 20_000 === 0 || done === INNOVATIONS) {
      process.stdout.write(
        `  ${done.toLocaleString('en')} innovations (${seconds(performance.now() - started)})\n`,
      );
    }
  }
  await pending;
  const insertedMs = performance.now() - started;
  console.log(
    `seeded ${INNOVATIONS.toLocaleString('en')} innovations, ${authors.length} members, ${SCHOOLS} schools ` +
      `in ${areaIds.length} areas in ${seconds(insertedMs)} (text generation and segmentation ${seconds(generatingMs)}; ` +
      `mean body ${Math.round(textLength / INNOVATIONS)} characters)`,
  );
  const vacuumStart = performance.now();
  await client.query('VACUUM (ANALYZE) innovation');
  await client.query('ANALYZE');
  console.log(`VACUUM ANALYZE in ${seconds(performance.now() - vacuumStart)}`);
  return areaIds;
}

// ---------------------------------------------------------------------------------------------------------
// Queries.

type QueryKind = 'word' | 'phrase' | 'partial';

interface BenchQuery {
  kind: QueryKind;
  filter: InnovationFilter;
}

const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;

/** The start of a word, cut where a reader could stop typing (never before a vowel sign or tone mark). */
function prefixOf(word: string): string {
  const chars = [...word];
  let length = between(3, Math.max(3, Math.min(6, chars.length - 1)));
  while (length < chars.length && COMBINING.test(chars[length]!)) length++;
  return chars.slice(0, length).join('');
}

const QUERY_WORDS = [
  ...Object.values(V.TOPICS).flat(),
  ...V.MATERIALS,
  ...V.ACTIVITIES,
  ...V.SKILLS,
  ...V.COMMON_WORDS,
];

function makeQuery(areaIds: string[]): BenchQuery {
  const kind = weighted<QueryKind>({ word: 40, phrase: 30, partial: 30 });
  let q: string;
  if (kind === 'word') q = pick(QUERY_WORDS);
  else if (kind === 'phrase') {
    const topic = pick(Object.values(V.TOPICS).flat());
    const other = pick([...V.MATERIALS, ...V.ACTIVITIES, ...V.SKILLS, ...V.COMMON_WORDS]);
    const [first, second] = chance(0.5) ? [other, topic] : [topic, other];
    q = `${first}${chance(0.5) ? ' ' : ''}${second}`;
  } else {
    q = prefixOf(pick(QUERY_WORDS.filter((w) => [...w].length >= 5)));
  }
  const filter: InnovationFilter = {
    q,
    sort: weighted<SortOrder>({ newest: 40, trending: 25, top: 20, adopted: 15 }),
  };
  if (chance(0.5)) {
    const kinds = sample(
      ['learningArea', 'grade', 'competency', 'technique', 'areaId'] as const,
      between(1, 2),
    );
    for (const name of kinds) {
      if (name === 'learningArea') filter.learningArea = skewed(LEARNING_AREAS);
      if (name === 'grade') filter.grade = pick(GRADES);
      if (name === 'competency') filter.competency = pick(COMPETENCIES);
      if (name === 'technique') filter.technique = skewed(TECHNIQUES);
      if (name === 'areaId') filter.areaId = pick(areaIds);
    }
  }
  return { kind, filter };
}

interface Timing {
  query: BenchQuery;
  ms: number;
  sqlMs: number;
  items: number;
  sql: string;
  params: unknown[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    n: values.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function describe(filter: InnovationFilter): string {
  const { q, sort, ...rest } = filter;
  const filters = Object.entries(rest)
    .map(([key, value]) => `${key}=${key === 'areaId' ? String(value).slice(0, 8) : String(value)}`)
    .join(' ');
  return `q="${q}" sort=${sort}${filters ? ` ${filters}` : ''}`;
}

async function measure(service: InnovationsService, dataSource: DataSource, areaIds: string[]) {
  // Record the SQL that list() sends and how long PostgreSQL took, to tell database time from the rest.
  let last: { sql: string; params: unknown[]; ms: number } = { sql: '', params: [], ms: 0 };
  const query = dataSource.query.bind(dataSource);
  dataSource.query = (async (sql: string, params?: unknown[]) => {
    const start = performance.now();
    const result: unknown = await query(sql, params);
    last = { sql, params: params ?? [], ms: performance.now() - start };
    return result;
  }) as DataSource['query'];

  const run = async (benchQuery: BenchQuery): Promise<Timing> => {
    last = { sql: '', params: [], ms: 0 };
    const start = performance.now();
    const page = await service.list(undefined, benchQuery.filter);
    const elapsed = performance.now() - start;
    return {
      query: benchQuery,
      ms: elapsed,
      sqlMs: last.ms,
      items: page.items.length,
      sql: last.sql,
      params: last.params,
    };
  };

  // Queries come from their own random sequence: the same questions whether or not this run seeded.
  random = mulberry32(SEED + 7919);
  const warmup = Array.from({ length: WARMUP }, () => makeQuery(areaIds));
  for (const benchQuery of warmup) await run(benchQuery);
  const queries = Array.from({ length: QUERIES }, () => makeQuery(areaIds));
  const timings: Timing[] = [];
  for (const benchQuery of queries) timings.push(await run(benchQuery));
  dataSource.query = query;
  return timings;
}

function report(timings: Timing[]): number {
  const all = summary(timings.map((t) => t.ms));
  const sql = summary(timings.map((t) => t.sqlMs));
  const hits = timings.filter((t) => t.items > 0).length;
  console.log('');
  console.log(
    `search p50=${ms(all.p50)} p95=${ms(all.p95)} p99=${ms(all.p99)} max=${ms(all.max)} mean=${ms(all.mean)} ` +
      `(target p95 < ${TARGET_P95_MS} ms) — ${all.p95 < TARGET_P95_MS ? 'MET' : 'NOT MET'}`,
  );
  console.log(`  of which SQL: p50=${ms(sql.p50)} p95=${ms(sql.p95)} max=${ms(sql.max)}`);
  console.log(
    `  ${timings.length} queries, ${hits} (${((100 * hits) / Math.max(1, timings.length)).toFixed(0)}%) ` +
      `returned at least one result`,
  );
  const groups: [string, (t: Timing) => boolean][] = [
    ['no filter', (t) => Object.keys(t.query.filter).length === 2],
    ['with filters', (t) => Object.keys(t.query.filter).length > 2],
    ...(['word', 'phrase', 'partial'] as const).map(
      (kind) => [`q: ${kind}`, (t: Timing) => t.query.kind === kind] as [string, (t: Timing) => boolean],
    ),
    ...(['newest', 'trending', 'top', 'adopted'] as const).map(
      (sort) =>
        [`sort: ${sort}`, (t: Timing) => t.query.filter.sort === sort] as [string, (t: Timing) => boolean],
    ),
    ['0 results', (t) => t.items === 0],
    ['1–19 results', (t) => t.items > 0 && t.items < DEFAULT_PAGE_SIZE],
    ['a full page', (t) => t.items >= DEFAULT_PAGE_SIZE],
  ];
  console.log('');
  console.log('  group            n     p50       p95       max');
  for (const [name, test] of groups) {
    const s = summary(timings.filter(test).map((t) => t.ms));
    if (s.n === 0) continue;
    console.log(
      `  ${name.padEnd(14)} ${String(s.n).padStart(3)}  ${ms(s.p50).padStart(8)}  ${ms(s.p95).padStart(8)}  ${ms(s.max).padStart(8)}`,
    );
  }
  console.log('');
  console.log('  slowest:');
  for (const t of [...timings].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
    console.log(
      `  ${ms(t.ms).padStart(9)} (SQL ${ms(t.sqlMs)}) ${t.items} items  ${describe(t.query.filter)}`,
    );
  }
  return all.p95;
}

async function explain(dataSource: DataSource, timings: Timing[]): Promise<void> {
  for (const t of [...timings].sort((a, b) => b.ms - a.ms).slice(0, EXPLAIN)) {
    const plan: { 'QUERY PLAN': string }[] = await dataSource.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${t.sql}`,
      t.params,
    );
    console.log(`\nEXPLAIN ANALYZE  ${describe(t.query.filter)}`);
    console.log(`params: ${JSON.stringify(t.params)}`);
    for (const line of plan) console.log(`  ${line['QUERY PLAN']}`);
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const stops: (() => Promise<void>)[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      console.log(`PostgreSQL: DATABASE_URL (${redact(serverUrl)})`);
    } else {
      const logLines: string[] = [];
      const pg = await startEmbeddedPostgres({
        dataDir: join(localServerHome(), 'pg-bench'),
        preferredPort: 55632,
        fast: true,
        log: (line) => logLines.push(line),
      }).catch((error: unknown) => {
        console.error(logLines.slice(-30).join('\n'));
        throw error;
      });
      stops.push(pg.stop);
      serverUrl = pg.url;
      console.log(`PostgreSQL: embedded server at ${redact(serverUrl)} (data in .data/pg-bench)`);
    }
    const adminUrl =
      new URL(serverUrl).pathname === `/${DATABASE_NAME}` ? withDatabase(serverUrl, 'postgres') : serverUrl;
    const databaseUrl = withDatabase(serverUrl, DATABASE_NAME);
    const config = {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: 4,
      DATABASE_CONNECT_TIMEOUT_MS: 10_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    };

    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version;
    let reuse = false;
    if (REUSE) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (exists.rowCount) {
        const probe = new Client({ connectionString: databaseUrl });
        await probe.connect();
        const count = await probe
          .query<{ n: number }>('SELECT count(*)::int AS n FROM innovation')
          .then((r) => r.rows[0]!.n)
          .catch(() => -1);
        await probe.end();
        reuse = count === INNOVATIONS;
      }
    }
    if (!reuse) {
      await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
      await createDatabase(adminUrl, DATABASE_NAME);
    }
    await admin.end();
    console.log(`PostgreSQL ${version}, database ${DATABASE_NAME}${reuse ? ' (reused)' : ''}`);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    let areaIds: string[];
    try {
      if (reuse) {
        areaIds = (
          await client.query<{ id: string }>('SELECT DISTINCT area_id AS id FROM school ORDER BY 1')
        ).rows.map((r) => r.id);
      } else {
        const migrationStart = performance.now();
        await runMigrations(config);
        console.log(`migrations in ${seconds(performance.now() - migrationStart)}`);
        areaIds = await seed(client);
      }
    } finally {
      await client.end();
    }

    const dataSource = new DataSource(dataSourceOptions(config, 'lc-bench-search'));
    await dataSource.initialize();
    stops.unshift(() => dataSource.destroy());
    const service = new InnovationsService(dataSource, new InnovationsRepository(), new OutboxService());
    console.log(
      `running ${WARMUP} warm-up and ${QUERIES} measured queries through InnovationsService.list(), one at a time`,
    );
    const timings = await measure(service, dataSource, areaIds);
    const p95 = report(timings);
    if (JSON_FILE) {
      writeFileSync(resolve(JSON_FILE), JSON.stringify(timings, null, 1));
      console.log(`\n  wrote ${timings.length} queries with their SQL to ${resolve(JSON_FILE)}`);
    }
    if (EXPLAIN > 0) await explain(dataSource, timings);
    else if (p95 >= TARGET_P95_MS)
      console.log('\n  (BENCH_EXPLAIN=3 prints the plans of the 3 slowest queries)');
    console.log(`\ntotal ${seconds(performance.now() - started)}`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
