import { tmpdir } from 'node:os';
import { openDatabase, type Database } from '../infra/database.js';
import { startTemporaryServer } from '../infra/embedded-postgres.js';

/** An embedded PostgreSQL server in a temporary directory, with one database: what `npm start` runs on. */
export async function openBenchDatabase(poolSize = 10): Promise<Database> {
  const server = await startTemporaryServer(tmpdir());
  const database = await openDatabase({ url: server.url, poolSize });
  return {
    ...database,
    kind: 'embedded',
    async close() {
      await database.close();
      await server.stop();
    },
  };
}
