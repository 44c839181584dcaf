import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Histogram } from 'prom-client';
import {
  APP_CONFIG,
  AppConfig,
  Batcher,
  DomainError,
  metricsRegistry,
  randomPoolBytes,
  uuidv7,
} from '@lc/core';
import { prepared, refusalOf } from '@lc/database';

/** One redemption request of a batch (the function takes each as a `marketplace_redeem_request` record). */
export interface RedemptionRequest {
  perkId: string;
  memberId: string;
  areaId: string | null;
  memberKind: string | null;
  idempotencyKey: string;
  requestHash: string;
}

/** What the database answered one request of a batch. */
export type RedemptionOutcome =
  | { outcome: 'created' | 'replay'; answer: Record<string, unknown>; answerHash: string }
  | { outcome: 'refused'; refusal: string; detail: string | null };

const REDEEM = prepared(
  'marketplace.redeem',
  `SELECT item, outcome, refusal, detail, answer, answer_hash AS "answerHash"
   FROM marketplace_redeem(ARRAY(SELECT jsonb_populate_recordset(NULL::marketplace_redeem_request, $1::jsonb)))`,
);
const batchSize = new Histogram({
  name: 'redemption_batch_size',
  help: 'Redemption requests per batch sent to the database',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [metricsRegistry],
});
const batchSeconds = new Histogram({
  name: 'redemption_batch_duration_seconds',
  help: 'Time one redemption batch spends in the database, commit included',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [metricsRegistry],
});

/** A generated voucher code clashed with an existing one (about one in 10^18): the batch is tried with new codes. */
const CODE_TAKEN_SQLSTATE = 'LC002';
const CODE_ATTEMPTS = 3;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code the platform makes: 12 characters of Crockford base32 (no I, L, O, U), unique per perk. */
export function generatedVoucherCode(): string {
  return `LC-${[...randomPoolBytes(12)].map((b) => CODE_ALPHABET[b % 32]).join('')}`;
}

/**
 * Sends redemptions to the database a batch at a time (`marketplace_redeem`, one statement and one commit). The
 * requests that arrive while REDEMPTION_BATCHES_IN_FLIGHT batches are in the database wait and form the next batch,
 * so a request alone goes at once and a crowd shares round trips, commits and the lock of a popular perk's row.
 *
 * Every request gets its own answer; a refusal (out of stock, not enough points, …) is an answer, not an error.
 * Should a batch fail as a whole (a lost connection, a bug), each of its requests is tried again alone, so one
 * bad request cannot fail the others. Requests of one member with one key in the same batch share one answer.
 */
@Injectable()
export class RedemptionBatcher {
  private readonly logger = new Logger(RedemptionBatcher.name);
  private readonly batcher: Batcher<RedemptionRequest, RedemptionOutcome>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.batcher = new Batcher((requests) => this.execute(requests), {
      maxBatch: config.REDEMPTION_BATCH_MAX,
      maxInFlight: config.REDEMPTION_BATCHES_IN_FLIGHT,
      retryAlone: true,
      maxQueued: config.REDEMPTION_QUEUE_MAX,
      overflow: () =>
        new DomainError('SERVICE_UNAVAILABLE', 'Too many redemptions are waiting; try again in a moment'),
      onBatchFailure: (error, size) =>
        this.logger.warn(
          { err: error, requests: size },
          'a redemption batch failed as a whole; its requests are tried again one by one',
        ),
    });
  }

  redeem(request: RedemptionRequest): Promise<RedemptionOutcome> {
    return this.batcher.submit(request);
  }

  /** One batch, in request order: each member and key goes to the database once. */
  async execute(requests: RedemptionRequest[]): Promise<RedemptionOutcome[]> {
    const first = new Map<string, number>();
    const leaders: RedemptionRequest[] = [];
    const leaderOf = requests.map((request) => {
      const key = `${request.memberId} ${request.idempotencyKey}`;
      let index = first.get(key);
      if (index === undefined) {
        index = leaders.push(request) - 1;
        first.set(key, index);
      }
      return index;
    });
    const outcomes = await this.withFreshCodes(leaders);
    return leaderOf.map((index) => outcomes[index]!);
  }

  /** One call of the batch function (again with new codes if a generated one clashed), in request order. */
  private async withFreshCodes(requests: RedemptionRequest[]): Promise<RedemptionOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(requests);
      } catch (error) {
        const sqlState = (error as { driverError?: { code?: string } }).driverError?.code;
        if (sqlState !== CODE_TAKEN_SQLSTATE || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }

  private async call(requests: RedemptionRequest[]): Promise<RedemptionOutcome[]> {
    batchSize.observe(requests.length);
    const timer = batchSeconds.startTimer();
    const rows: {
      item: number;
      outcome: 'created' | 'replay' | 'refused';
      refusal: string | null;
      detail: string | null;
      answer: Record<string, unknown> | null;
      answerHash: string | null;
    }[] = await this.dataSource
      .query(REDEEM, [
        JSON.stringify(
          requests.map((r) => ({
            redemption_id: uuidv7(),
            hold_id: uuidv7(),
            post_id: uuidv7(),
            event_id: uuidv7(),
            voucher_id: uuidv7(),
            perk_id: r.perkId,
            member_id: r.memberId,
            area_id: r.areaId,
            member_kind: r.memberKind,
            idempotency_key: r.idempotencyKey,
            request_hash: r.requestHash,
            generated_code: generatedVoucherCode(),
          })),
        ),
      ])
      .catch((error: unknown) => {
        // The ledger checks every rule again; a refusal of its own here means the batch's accounting is wrong.
        const refusal = refusalOf(error);
        if (refusal) this.logger.error({ refusal }, 'the ledger refused a redemption batch');
        throw error;
      })
      .finally(() => timer());
    const outcomes: RedemptionOutcome[] = new Array(requests.length);
    for (const row of rows) {
      outcomes[row.item - 1] =
        row.outcome === 'refused'
          ? { outcome: 'refused', refusal: row.refusal!, detail: row.detail }
          : { outcome: row.outcome, answer: row.answer!, answerHash: row.answerHash!.trim() };
    }
    return outcomes;
  }
}
