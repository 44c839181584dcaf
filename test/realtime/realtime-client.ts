import { io, Socket } from 'socket.io-client';

export interface Received {
  type: string;
  payload: Record<string, unknown>;
  at: number;
}

/** A socket.io client of /realtime that records every message it receives. */
export interface Client {
  socket: Socket;
  received: Received[];
  of: (type: string) => Received[];
  close: () => void;
}

const TYPES = ['feed.item', 'notification', 'wallet.updated', 'redemption.updated', 'resync'];

export function connect(
  url: string,
  token: string | undefined,
  session: { pid: string; offset: string } | null = null,
): Promise<Client> {
  const socket = io(`${url}/realtime`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { ...(token === undefined ? {} : { token }), ...(session ?? {}) },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  const received: Received[] = [];
  for (const type of TYPES)
    socket.on(type, (payload: Record<string, unknown>) => received.push({ type, payload, at: Date.now() }));
  const client: Client = {
    socket,
    received,
    of: (type) => received.filter((r) => r.type === type),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      reject(error);
    });
  });
}

/** The error a refused handshake gives: its stable code and texts. */
export async function refusal(url: string, token: string | undefined) {
  try {
    const client = await connect(url, token);
    client.close();
    return null;
  } catch (error) {
    return (error as { data?: { code: string; th: string; en: string } }).data ?? null;
  }
}
