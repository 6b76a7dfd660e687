import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, served on GET /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'arkivlos_' });
  return {
    registry,
    activities: new Counter({
      name: 'arkivlos_activities_total',
      help: 'Bot Framework activities received, by type and outcome',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'arkivlos_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['route', 'status'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    selfHelp: new Counter({
      name: 'arkivlos_self_help_total',
      help: 'Hjelp til selvhjelp: self-help cards shown with articles (shown) or without (no_result), and the answers solved and needs_help',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    outbox: new Counter({
      name: 'arkivlos_outbox_messages_total',
      help: 'What became of outbox messages: sent, retried, throttled (429 from Teams; should stay 0), failed, unreachable; created counts conversations made for people',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

/** Queue gauges, read from the database when /metrics is scraped (every instance sees the same queue). */
export function registerOutboxGauges(metrics: Metrics, read: () => Promise<{ waiting: number; oldestWaitingSeconds: number }>): void {
  let last: Promise<{ waiting: number; oldestWaitingSeconds: number }> | undefined;
  const once = () => (last ??= read().finally(() => setTimeout(() => (last = undefined), 0)));
  new Gauge({
    name: 'arkivlos_outbox_waiting',
    help: 'Outbox messages waiting to be sent (due or later)',
    registers: [metrics.registry],
    async collect() {
      this.set((await once()).waiting);
    },
  });
  new Gauge({
    name: 'arkivlos_outbox_oldest_waiting_seconds',
    help: 'Age of the oldest outbox message that is due and not sent yet (the queue’s age)',
    registers: [metrics.registry],
    async collect() {
      this.set((await once()).oldestWaitingSeconds);
    },
  });
}

export type Metrics = ReturnType<typeof createMetrics>;
