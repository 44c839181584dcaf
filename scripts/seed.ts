/**
 * Demo data for quickstart (never in production). Each domain adds its part here; every step is
 * idempotent, so quickstart can run again on the same data.
 */
export interface DemoAccount {
  email: string;
  role: string;
}

export interface DemoSeed {
  password: string;
  accounts: DemoAccount[];
}

export async function seedDemo(
  databaseUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<DemoSeed> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo data is never seeded in production');
  void databaseUrl;
  log('demo data: nothing to seed yet');
  return { password: process.env.DEMO_PASSWORD ?? 'learn-to-earn-2026', accounts: [] };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('Set DATABASE_URL (quickstart seeds its own database automatically).\n');
    process.exit(1);
  }
  seedDemo(url, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
