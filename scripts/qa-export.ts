/**
 * A spørretime's questions, answers and numbers as a file, the same file its moderator downloads
 * from the link in their 1:1 chat:
 *
 *   npm run qa:export -- <session id>                          (CSV for Excel on standard output)
 *   npm run qa:export -- <session id> --format md --out x.md   (Markdown, into a file)
 *   npm run qa:export -- <session id> --lang nn                (the file's words in nynorsk; nb, nn or en)
 *
 * The database is opened as outbox:status opens it: DATABASE_URL, or the embedded database in
 * DATA_DIR (the running bot's server if there is one, else one started for this and stopped).
 * The file names askers (never an anonymous one): it is for the moderator, not for a log.
 */
import { writeFile } from 'node:fs/promises';
import { AppError, AppErrorCode } from '../domain/errors.js';
import { exportSession } from '../domain/qa/export-session.js';
import { loadCliConfig, openCliDatabase } from './cli.js';
import { QA_EXPORT_TEXTS as TEXTS, readQaExportArgs } from './qa-export-args.js';

async function main(args: string[]): Promise<number> {
  const request = readQaExportArgs(args);
  if (!request) return 1;
  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: TEXTS.databaseFailed });
  if (!db) return 1;
  try {
    const file = await exportSession(db.prisma, request);
    if (request.out === undefined) {
      process.stdout.write(file.body);
    } else {
      await writeFile(request.out, file.body, 'utf8');
      console.error(TEXTS.written(request.out, Buffer.byteLength(file.body)));
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === AppErrorCode.NOT_FOUND) console.error(TEXTS.unknownSession(request.sessionId));
    else console.error(TEXTS.databaseFailed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
