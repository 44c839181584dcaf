import { CreateOutbox1763900000000 } from './1763900000000-CreateOutbox';

/** Every migration, in order. Listed explicitly so builds and tests load exactly the same set. */
export const MIGRATIONS = [CreateOutbox1763900000000];
