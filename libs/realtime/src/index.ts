export * from './realtime-messages';
export * from './realtime-publisher';
