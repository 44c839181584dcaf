import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OnEventBatch, Subscribers } from '@lc/messaging';
import { AwardService } from './award.service';

/** The ledger's one handler: every subscribed event, in batches, exactly once. */
@Injectable()
export class LedgerSubscriber {
  constructor(private readonly awards: AwardService) {}

  @OnEventBatch(Subscribers.LEDGER)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    await this.awards.handle(events, manager);
  }
}
