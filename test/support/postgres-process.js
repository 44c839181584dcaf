/**
 * Runs a throwaway embedded PostgreSQL in its own Node process, started the way quickstart and the test set-up
 * start theirs (dist/scripts/local-services.js, built by `npm test` before jest runs). Prints `READY <url>` once it
 * accepts connections; SIGTERM stops the server.
 * Usage: node postgres-process.js <data dir> <port>
 */
const { join } = require('node:path');
const { startEmbeddedPostgres } = require(
  join(__dirname, '..', '..', 'dist', 'scripts', 'local-services.js'),
);

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, preferredPort: Number(port), fast: true });
  process.stdout.write(`READY ${server.url}\n`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
