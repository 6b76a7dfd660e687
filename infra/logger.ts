import { pino, type Logger } from 'pino';

export type { Logger };

function serializeError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return { type: error.name, message: error.message, code, statusCode, stack: error.stack };
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
      redact: { paths: ['req.headers.authorization', '*.text', '*.name', '*.email'], remove: true },
      // Errors from the Bot Connector client carry the request and response (with card text and
      // names); keep only what diagnoses the failure.
      serializers: { err: serializeError },
    },
    destination,
  );
}
