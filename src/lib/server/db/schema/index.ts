export * from './villages';
export * from './people';
export * from './auth';
export * from './audit';
export * from './feed';
export * from './rules';
export * from './ledger';
export * from './slips';
export { newPlaqueToken } from './columns';
