import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const booleanFromString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/**
 * Every environment variable the platform reads, validated once at start-up.
 * `.env.example` documents each one; keep the two in step.
 */
const configFields = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json`: one JSON line per event; `pretty`: short human lines. Default: pretty in development, json otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  CORS_ORIGINS: commaList.default([]),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Also how long a request may wait for a free pooled connection under a burst (readiness probes use their own 2 s). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30000),
  /**
   * The role the API and worker act as (SET ROLE at connect): it may append ledger transfers but not change
   * them. Created by the migrations; empty to act as the connecting user.
   */
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .or(z.literal(''))
    .default('lc_app'),
  /** A read replica for the cockpit's reads (rollups only); unset: they read DATABASE_URL like everything else. */
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('lc'),
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).default(1000),
  /** A job whose worker died is taken up again once its lock expires (checked every QUEUE_STALLED_INTERVAL_MS). */
  QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30000),
  QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30000),
  /** How often the worker voids ledger holds whose expiry has passed. */
  HOLD_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).default(30000),
  /** How often the worker voids manual redemptions not fulfilled by their deadline (points and stock return). */
  REDEMPTION_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).default(30000),
  /**
   * Redemptions go to the database in batches: the requests that arrive while a batch is in flight form the next
   * one (so one request alone goes at once). At most REDEMPTION_BATCH_MAX requests a batch, and at most
   * REDEMPTION_BATCHES_IN_FLIGHT batches at a time per API process (one: batches take turns on shared rows anyway,
   * and one at a time makes them larger).
   */
  REDEMPTION_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(100),
  REDEMPTION_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(1),
  /** Redemptions waiting for a batch, per API process, past which new ones are refused with 503 (try again). */
  REDEMPTION_QUEUE_MAX: z.coerce.number().int().min(1).default(10_000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** The OpenAPI UI and JSON at /api/docs. Default: on, except in production. */
  SWAGGER_ENABLED: booleanFromString.optional(),
  /**
   * When set, GET /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`. In production /metrics is
   * refused unless this is set (scrapers send the token); elsewhere it is open when unset.
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A request must arrive whole within this many ms (slow bodies are cut off with 408). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** An idle connection (no bytes in either direction) is closed after this many ms. */
  HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Trust X-Forwarded-For from this many proxy hops (0: the socket address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * The key of research extracts' pseudonyms (HMAC-SHA256 of a member id): the same member has the same pseudonym in
   * every extract, and nobody without the key can tell who it is. Unset: derived from JWT_SECRET (set it in production,
   * so that rotating JWT_SECRET does not change every pseudonym).
   */
  RESEARCH_PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * The seed of the Ed25519 key that signs badges (Open Badges 3.0 credentials) and their revocation lists: 32 random
   * bytes as base64url. Anyone checks a badge against its public key, published at /api/v1/credentials/issuer, for as
   * long as the badge is kept: keep it secret and never change it. Required in production (a process that issues or
   * verifies badges refuses to start without it); unset elsewhere: derived from JWT_SECRET.
   */
  CREDENTIAL_ISSUER_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes as base64url (43 characters, no padding)')
    .optional(),
  JWT_ISSUER: z.string().min(1).default('learning-community'),
  JWT_AUDIENCE: z.string().min(1).default('learning-community-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(100),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Failed sign-ins allowed for one account from one IP address in the window (then 429 for that pair only). */
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT_IP: z.coerce.number().int().min(1).default(10),
  /** Past LOGIN_MAX_ATTEMPTS_PER_ACCOUNT failures from all addresses, each further attempt is slowed by this (ms). */
  LOGIN_SLOWDOWN_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Registrations accepted from one IP address per 10 minutes (a workshop of 60 teachers behind one address fits). */
  REGISTRATION_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  /**
   * A new account's actions earn and give points only once its e-mail address is confirmed. Default: required in
   * production; elsewhere (development, quickstart, tests) addresses are confirmed at registration.
   */
  EMAIL_VERIFICATION_REQUIRED: booleanFromString.optional(),
  /** How long a confirmation link stays valid. */
  EMAIL_VERIFICATION_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  /** Comments and ratings one member may post per minute (then 429). */
  COMMENT_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6),
  RATING_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Presenting a rotated refresh token again within this many seconds returns the same new pair (two tabs). */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Demo accounts' password (quickstart only; demo data is never seeded in production). */
  DEMO_PASSWORD: z.string().min(8).default('learn-to-earn-2026'),
  /** Content reported by this many distinct members is hidden until a moderator reviews it. */
  MODERATION_AUTO_HIDE_REPORTS: z.coerce.number().int().min(1).default(3),
  /** How long after posting a comment its author may still edit it. */
  COMMENT_EDIT_MINUTES: z.coerce.number().int().min(0).default(15),
  /** Largest attachment accepted, in bytes (default 25 MiB); a bigger upload is refused with 413. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(25 * 1024 * 1024),
  /** An upload must arrive whole within this many ms; an unfinished one is dropped and its file deleted. */
  UPLOAD_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** Images declaring more pixels than this are refused before they are decoded (default 50 megapixels). */
  IMAGE_MAX_PIXELS: z.coerce.number().int().min(1).default(50_000_000),
  /** Where attachments are kept: the local disk (STORAGE_DIR) or S3-compatible object storage (S3_*). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** The local driver's directory; a relative path is taken from the repository root, not the working directory. */
  STORAGE_DIR: z
    .string()
    .min(1)
    .default('.data/uploads')
    .transform((path) => resolve(repositoryRoot(), path)),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `https://endpoint/bucket/key` (true: MinIO, Ceph and most S3-compatible stores) or `https://bucket.endpoint/key`. */
  S3_FORCE_PATH_STYLE: booleanFromString.default(true),
  /**
   * The worker's Ed25519 key that signs ledger blocks: PKCS#8 PEM (`\n` for newlines allowed) or the base64 of
   * the 32-byte seed. Required in production; elsewhere an ephemeral key is generated at start (with a warning).
   */
  LEDGER_SIGNING_KEY: z.string().min(1).optional(),
  /** A ledger block is sealed (Merkle root, signature) every LEDGER_BLOCK_SIZE transfers or LEDGER_BLOCK_SECONDS. */
  LEDGER_BLOCK_SIZE: z.coerce.number().int().min(1).max(100000).default(500),
  LEDGER_BLOCK_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
  /** How often the worker's hasher looks for newly committed transfers to chain. */
  LEDGER_HASH_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(200),
  /** How long a dropped client may come back and be replayed what it missed (connection-state recovery). */
  REALTIME_RECOVERY_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** Messages kept in the Redis stream that carries realtime messages between replicas (and replays them). */
  REALTIME_STREAM_MAXLEN: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** How e-mail leaves: SMTP (SMTP_URL), .eml files in MAIL_DIR (development), or the log only. */
  MAIL_TRANSPORT: z.enum(['smtp', 'file', 'log']).default('file'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('ชุมชนนวัตกรรมการเรียนรู้ <no-reply@learning-community.invalid>'),
  MAIL_DIR: z
    .string()
    .min(1)
    .default('.data/mail')
    .transform((path) => resolve(repositoryRoot(), path)),
  /** How often the worker sends e-mail waiting to go out (notifications and digests). */
  MAIL_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /** The hour (Asia/Bangkok) after which the daily digest goes out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Links in e-mail point here (the web app). */
  WEB_URL: z.url().default('http://localhost:3000'),
});

/** The name of every variable the configuration reads (`.env.example` lists each of them: a test keeps them in step). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configFields.shape);

const S3_REQUIRED = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/** S3 settings are needed only when attachments go to object storage. */
export const configSchema = configFields.superRefine((config, context) => {
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL)
    context.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
  if (config.STORAGE_DRIVER !== 's3') return;
  for (const variable of S3_REQUIRED) {
    if (!config[variable]) {
      context.addIssue({ code: 'custom', path: [variable], message: 'is required when STORAGE_DRIVER=s3' });
    }
  }
});

/** The nearest directory above this file that holds a package.json: the checkout, or /app in the image. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Settings whose default depends on NODE_ENV are resolved by loadConfig, so they are never undefined here. */
type Resolved = 'LOG_FORMAT' | 'SWAGGER_ENABLED' | 'EMAIL_VERIFICATION_REQUIRED';
export type AppConfig = Omit<z.infer<typeof configSchema>, Resolved> & {
  LOG_FORMAT: 'json' | 'pretty';
  SWAGGER_ENABLED: boolean;
  EMAIL_VERIFICATION_REQUIRED: boolean;
};

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration (การตั้งค่าไม่ถูกต้อง):\n` +
        problems.map((problem) => `  - ${problem.variable}: ${problem.message}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

/** Validates an environment (normally `process.env`) into the typed configuration, or throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigValidationError(
      result.error.issues.map((issue) => ({
        variable: issue.path.join('.') || '(environment)',
        message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
      })),
    );
  }
  const config = result.data;
  const production = config.NODE_ENV === 'production';
  return {
    ...config,
    LOG_FORMAT: config.LOG_FORMAT ?? (config.NODE_ENV === 'development' ? 'pretty' : 'json'),
    SWAGGER_ENABLED: config.SWAGGER_ENABLED ?? !production,
    EMAIL_VERIFICATION_REQUIRED: config.EMAIL_VERIFICATION_REQUIRED ?? production,
  };
}
