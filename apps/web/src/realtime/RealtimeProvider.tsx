/**
 * One socket.io connection to `/realtime` per signed-in member, authenticated by the in-memory access token. Pages
 * subscribe with `useRealtime('feed.item', handler)`; query caches that a message changes are invalidated here.
 */
import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import { useQueryClient } from '@tanstack/react-query';
import { currentAccessToken, onAccessToken, refreshSession } from '../api/http';
import { useAuth } from '../auth/AuthProvider';

export interface RealtimeMessages {
  'feed.item': { scope: 'global' | 'area' | 'school' | 'following' | 'mine'; item: Record<string, unknown> };
  notification: { item: Record<string, unknown>; unread: number };
  'wallet.updated': { balance: number; spendable: number };
  'redemption.updated': { id: string; perkId: string; status: string };
  'cockpit.changed': { scopes: string[]; at: string };
  /** The member reached a level (recognition): see pages/recognition/LevelReachedListener. */
  'level.reached': { level: { code: string; rank: number; th: string; en: string } };
  resync: { reason: string };
}
type Name = keyof RealtimeMessages;

const SocketContext = createContext<{ socket: Socket | null; connected: boolean }>({
  socket: null,
  connected: false,
});

/** The query key prefixes (orval's: the URL path) each message makes stale. */
const STALE_BY_MESSAGE: Record<Name, string[]> = {
  'feed.item': [],
  notification: ['/api/v1/notifications'],
  'wallet.updated': ['/api/v1/wallet', '/api/v1/me/wallet'],
  'redemption.updated': ['/api/v1/me/redemptions', '/api/v1/redemptions'],
  'cockpit.changed': [], // the cockpit page refetches, throttled
  'level.reached': [], // LevelReachedListener reloads /me (AuthProvider's state) and /me/level
  resync: [
    '/api/v1/feed',
    '/api/v1/notifications',
    '/api/v1/wallet',
    '/api/v1/me/wallet',
    '/api/v1/me/level',
  ],
};

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const queryClient = useQueryClient();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (status !== 'member') return;
    const connection = io('/realtime', {
      transports: ['websocket'],
      auth: (callback) => callback({ token: currentAccessToken() }),
    });
    connection.on('connect', () => setConnected(true));
    connection.on('disconnect', () => setConnected(false));
    connection.on('connect_error', () => {
      // An expired access token: refresh it, then socket.io retries with the new one.
      void refreshSession();
    });
    for (const [name, prefixes] of Object.entries(STALE_BY_MESSAGE)) {
      connection.on(name, () => {
        for (const prefix of prefixes)
          void queryClient.invalidateQueries({
            predicate: (query) =>
              typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix),
          });
      });
    }
    const stop = onAccessToken((token) => {
      if (!token) connection.disconnect();
    });
    setSocket(connection);
    return () => {
      stop();
      connection.disconnect();
      setSocket(null);
      setConnected(false);
    };
  }, [status, queryClient]);

  return <SocketContext.Provider value={{ socket, connected }}>{children}</SocketContext.Provider>;
}

export function useRealtime<N extends Name>(name: N, handler: (message: RealtimeMessages[N]) => void): void {
  const { socket } = useContext(SocketContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = (message: RealtimeMessages[N]) => latest.current(message);
    socket.on(name as string, listener as (...args: unknown[]) => void);
    return () => {
      socket.off(name as string, listener as (...args: unknown[]) => void);
    };
  }, [socket, name]);
}

export function useRealtimeConnected(): boolean {
  return useContext(SocketContext).connected;
}
