import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
