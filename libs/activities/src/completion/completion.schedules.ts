import { Injectable } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { CompletionService } from './completion.service';

/** Events' completions are decided within a minute of their end. */
export const COMPLETION_EVERY_MS = 60_000;

@Injectable()
export class CompletionSchedules {
  constructor(private readonly completion: CompletionService) {}

  /** Decides the completions of the events that have ended since (see CompletionService). */
  @Schedule({
    name: 'activities.complete-ended-events',
    every: COMPLETION_EVERY_MS,
    failureMessage: 'deciding ended events’ completions failed',
  })
  async completeEnded(): Promise<void> {
    await this.completion.completeEnded();
  }
}
