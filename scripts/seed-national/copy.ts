/**
 * COPY … FROM STDIN over the `pg` client's own connection, without pg-copy-streams (not installed): a query object
 * that pg's Client runs like any other (`submit`), answering the server's CopyInResponse by sending CopyData
 * messages as `produce` writes them (waiting for the socket to drain: memory stays flat), then CopyDone.
 * A failure in `produce` sends CopyFail; a server error ends the copy (later CopyData are dropped by the server).
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import type { Client } from 'pg';

interface PgConnection {
  stream: Socket;
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

export type CopyWrite = (text: string) => Promise<void>;

/** Runs `COPY <table> (<columns>) FROM STDIN` with the text `produce` writes; resolves with the rows copied. */
export function copyFrom(
  client: Client,
  sql: string,
  produce: (write: CopyWrite) => Promise<void>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let failure: Error | null = null;
    let rows = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(rows);
    };
    const query = {
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: PgConnection) {
        const write: CopyWrite = async (text) => {
          if (failure) throw failure;
          if (text.length === 0) return;
          connection.sendCopyFromChunk(Buffer.from(text, 'utf8'));
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        };
        produce(write).then(
          () => {
            if (!failure) connection.endCopyFrom();
          },
          (error: unknown) => {
            failure ??= error instanceof Error ? error : new Error(String(error));
            connection.sendCopyFail(failure.message.slice(0, 200));
          },
        );
      },
      handleCommandComplete(message: { text?: string }) {
        const count = /^COPY (\d+)/.exec(message.text ?? '');
        if (count) rows = Number(count[1]);
      },
      handleError(error: Error) {
        failure ??= error;
        finish(failure);
      },
      handleReadyForQuery() {
        finish(failure);
      },
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleCopyData() {},
      handlePortalSuspended() {},
    };
    client.query(query as never);
  });
}

/** A value in COPY's text format: NULL as \N, backslash, tab and line breaks escaped. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** Accumulates lines and hands them to a COPY writer in pieces of about 256 kB. */
export class CopyBuffer {
  private text = '';

  constructor(private readonly write: CopyWrite) {}

  async line(fields: string): Promise<void> {
    this.text += fields + '\n';
    if (this.text.length >= 256 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    const text = this.text;
    this.text = '';
    await this.write(text);
  }
}
