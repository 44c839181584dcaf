export * from './chain/ledger-chain.module';
