import { createHmac } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read off a screen. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECK_IN_CODE_LENGTH = 6;
/** A session's codes are accepted from this long before it starts until this long after it ends. */
export const CHECK_IN_GRACE_MS = 15 * 60_000;

export interface CodeSession {
  id: string;
  secret: Buffer;
  rotationSeconds: number;
  checkpoints: number;
  startsAt: Date;
  endsAt: Date;
}

function slotOf(session: CodeSession, at: Date): number {
  return Math.floor(at.getTime() / (session.rotationSeconds * 1000));
}

function codeFor(session: CodeSession, checkpoint: number, slot: number): string {
  const digest = createHmac('sha256', session.secret).update(`${session.id}:${checkpoint}:${slot}`).digest();
  let code = '';
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i += 1) code += ALPHABET[digest[i]! % ALPHABET.length];
  return code;
}

/** The code to show now for a checkpoint, and when it is replaced by the next. */
export function currentCode(
  session: CodeSession,
  checkpoint: number,
  now: Date,
): { code: string; expiresAt: Date } {
  const slot = slotOf(session, now);
  return {
    code: codeFor(session, checkpoint, slot),
    expiresAt: new Date((slot + 1) * session.rotationSeconds * 1000),
  };
}

/** Whether now is within the session's check-in window. */
export function withinWindow(session: CodeSession, now: Date): boolean {
  return (
    now.getTime() >= session.startsAt.getTime() - CHECK_IN_GRACE_MS &&
    now.getTime() <= session.endsAt.getTime() + CHECK_IN_GRACE_MS
  );
}

/**
 * The checkpoint a code sent now belongs to, or null. The code on screen and the one just before it are accepted
 * (a member who scanned it at the last second still gets in); anything older, or another session's, is refused.
 */
export function checkpointOf(session: CodeSession, code: string, now: Date): number | null {
  const sent = code.trim().toUpperCase().replace(/[\s-]/g, '');
  if (sent.length !== CHECK_IN_CODE_LENGTH) return null;
  const slot = slotOf(session, now);
  for (let checkpoint = 1; checkpoint <= session.checkpoints; checkpoint += 1)
    for (const s of [slot, slot - 1]) if (codeFor(session, checkpoint, s) === sent) return checkpoint;
  return null;
}
