import { pino, type Logger } from 'pino';

export type { Logger };

function serializeError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return { type: error.name, message: error.message, code, statusCode, stack: error.stack };
}

/** Keys whose values are personal (names, e-mail addresses, message text), wherever they are. */
const PERSONAL_KEYS: ReadonlySet<string> = new Set(['text', 'name', 'email']);

function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PERSONAL_KEYS.has(key))
      .map(([key, item]) => [key, withoutPersonalData(item)]),
  );
}

/**
 * Structured JSON logs. Only ids go into logs (aadObjectId, conversation id, request id), never
 * names, e-mail addresses or message text.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'arkivlos' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization'], remove: true },
      // On the finished line, because pino's redact paths have a fixed depth and a child's
      // bindings pass no formatter: personal keys go at any depth, wherever they came from.
      hooks: { streamWrite: (line) => `${JSON.stringify(withoutPersonalData(JSON.parse(line)))}\n` },
      // Errors from the Bot Connector client carry the request and response (with card text and
      // names); keep only what diagnoses the failure.
      serializers: { err: serializeError },
    },
    destination,
  );
}
