import { Injectable, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { errorDefinition } from '@lc/core';
import { Actor, ActorService, IdentityErrors, TokenService } from '@lc/identity';
import { REALTIME_NAMESPACE, RealtimeMessages, Rooms } from '@lc/realtime';

interface RealtimeSocketData {
  actor: Actor;
}

type RealtimeSocket = Socket<
  Record<string, never>,
  { [K in keyof RealtimeMessages]: (payload: RealtimeMessages[K]) => void },
  Record<string, never>,
  RealtimeSocketData
>;

/** What a refused client receives in `connect_error`: a stable code and the message in Thai and English. */
export class HandshakeRefused extends Error {
  readonly data: { code: string; th: string; en: string };

  constructor(code: 'UNAUTHENTICATED' | keyof typeof IdentityErrors) {
    super(code);
    const definition = errorDefinition(code);
    this.data = { code, th: definition?.th ?? code, en: definition?.en ?? code };
  }
}

/**
 * The `/realtime` namespace. The access token is checked at the handshake (and again when a dropped client
 * comes back); a connected member is in the rooms of themself, their school, their area and everyone. The server
 * only pushes: messages come from the worker through Redis (see RealtimePublisher), after their commit.
 */
@Injectable()
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      void this.authenticate(socket as RealtimeSocket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  handleConnection(socket: RealtimeSocket): void {
    if (socket.recovered) return; // rooms and missed messages restored by the adapter
    const actor = socket.data.actor;
    void socket.join(
      [
        Rooms.member(actor.memberId),
        actor.schoolId ? Rooms.school(actor.schoolId) : null,
        actor.areaId ? Rooms.area(actor.areaId) : null,
        Rooms.global,
        // Cockpit viewers: the scopes their admin roles cover (the cockpit's live tiles).
        ...actor.roles.flatMap((g) =>
          g.role === 'obec_admin'
            ? [Rooms.cockpit('national')]
            : g.role === 'area_admin' || g.role === 'school_admin'
              ? [Rooms.cockpit(`${g.scopeType}:${g.scopeId}`)]
              : [],
        ),
      ].filter((room): room is string => room !== null),
    );
    // A client that had a session (it sends its pid) but could not be recovered has missed messages.
    if ((socket.handshake.auth as { pid?: unknown }).pid)
      socket.emit('resync', { reason: 'recovery-failed' });
  }

  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string' || token.length === 0) throw new HandshakeRefused('UNAUTHENTICATED');
    const claims = this.tokens.verifyAccessToken(token);
    if (!claims) throw new HandshakeRefused('AUTH_TOKEN_INVALID');
    const actor = await this.actors.resolve(claims.sub, claims.sid).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'realtime handshake: could not load the member');
      return null;
    });
    if (!actor) throw new HandshakeRefused('AUTH_SESSION_ENDED');
    socket.data.actor = actor;
  }
}
