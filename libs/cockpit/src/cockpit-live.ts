import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { RealtimePublisher, Rooms } from '@lc/realtime';

/** At most one `cockpit.changed` per scope per this many ms from one worker process. */
export const COCKPIT_LIVE_THROTTLE_MS = 2000;

/**
 * Tells the web app's KPI tiles that a scope's numbers moved: `cockpit.changed` to the room of each scope touched,
 * once at once and then at most once per COCKPIT_LIVE_THROTTLE_MS while changes keep coming (the last one always
 * goes out). Each room hears only its own scope. Best effort, like every realtime push.
 */
@Injectable()
export class CockpitLive implements OnApplicationShutdown {
  private readonly logger = new Logger(CockpitLive.name);
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastSent = 0;

  constructor(@Optional() private readonly realtime?: RealtimePublisher) {}

  changed(scopes: Iterable<string>): void {
    for (const scope of scopes) this.pending.add(scope);
    if (this.pending.size === 0 || this.timer) return;
    const wait = Math.max(0, this.lastSent + COCKPIT_LIVE_THROTTLE_MS - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = null;
    this.lastSent = Date.now();
    const scopes = [...this.pending];
    this.pending.clear();
    const at = new Date().toISOString();
    for (const scope of scopes) {
      try {
        await this.realtime?.publish([Rooms.cockpit(scope)], 'cockpit.changed', { scopes: [scope], at });
      } catch (error) {
        this.logger.warn({ err: error, scope }, 'cockpit live message not sent');
      }
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
