import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A stand-in for the Bot Connector service that behaves like Teams, throttling included: the bot's
 * serviceUrl points here, every call is checked against Teams' rate limits, and tests can inject
 * the failures Teams answers with (blocked bot, deleted chat, 5xx, hangs). Unlike
 * fake-connector.ts it exists to prove that our pacing causes no 429s, from several bot processes
 * at once.
 */

export type CallKind = 'create' | 'send' | 'reply' | 'update';

/** At most `max` accepted calls in any `windowMs`. */
export interface WindowLimit {
  windowMs: number;
  max: number;
}

/** Per bot per conversation (createConversation counts too), from the Teams docs on rate limiting. */
export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

export interface LimitedConnectorOptions {
  /** Default 0 (any free port). Always on 127.0.0.1. */
  port?: number;
  conversationLimits?: readonly WindowLimit[];
  /** Calls per second per tenant, all conversations together. The docs say 50 now, 30 before; default 30. */
  tenantRps?: number;
  /** Milliseconds added to every window when checking: a positive value makes the pacer keep that margin. */
  tolerance?: number;
  /** Teams sends whole seconds in Retry-After; `true` gives the exact wait (e.g. `0.25`). */
  fractionalRetryAfter?: boolean;
  /**
   * A call this many ms before the Retry-After expires is not yet a violation. A bot that waits
   * exactly Retry-After can arrive a millisecond early: timers run on a clock truncated to whole
   * milliseconds. Default 2.
   */
  retryAfterGraceMs?: number;
  /** The tenant of a call that names none (no tenantId, channelData.tenant or conversation.tenantId). */
  defaultTenantId?: string;
}

/** What the bot sent: a createConversation's parameters or an activity. */
export interface CallBody {
  type?: string;
  text?: string;
  attachments?: { contentType: string; content?: unknown }[];
  [key: string]: unknown;
}

export interface ConnectorCall {
  /** performance.now() of the test process when the connector decided on the call. */
  at: number;
  method: string;
  kind: CallKind;
  conversationId: string;
  /** The activity sent or updated (a reply's own new id); for a create, the id of its first activity if it had one. */
  activityId?: string;
  /** For a reply: the activity it answers in the thread. */
  replyToId?: string;
  tenantId: string;
  body: CallBody;
  /** The caller went away (its process died) before the answer reached it: it cannot know the call succeeded. */
  abandoned?: boolean;
  /** When the answer was written (performance.now()); unset while the call is still held (slow, hangNext). */
  answeredAt?: number;
}

export interface ThrottledCall {
  at: number;
  method: string;
  kind: CallKind;
  conversationId: string;
  tenantId: string;
  reason: 'conversation' | 'tenant';
  /** The window whose limit the call would have broken. */
  limit: WindowLimit;
  /** Seconds, as sent in the Retry-After header. */
  retryAfter: number;
}

export interface RetryAfterViolation {
  at: number;
  method: string;
  kind: CallKind;
  conversationId: string;
  tenantId: string;
  /** Whether the conversation or the whole tenant was blocked. */
  scope: 'conversation' | 'tenant';
  /** How many ms too early the call came. */
  earlyByMs: number;
}

/** Any error answer other than the connector's own throttling: injected faults, deleted chats, bad requests. */
export interface FailedCall {
  at: number;
  method: string;
  kind: CallKind;
  conversationId: string;
  tenantId: string;
  status: number;
  code: string;
}

/** Which calls a fault applies to; an empty matcher matches every call. */
export interface CallMatcher {
  conversationId?: string;
  kind?: CallKind;
  tenantId?: string;
}

export interface FailureSpec extends CallMatcher {
  status: number;
  /** Seconds, sent as Retry-After (429 defaults to 1); a 429 also blocks until it expires. */
  retryAfter?: number;
  /** What a 429 blocks: the conversation (default) or every conversation of the tenant. */
  scope?: 'conversation' | 'tenant';
  /** Default: `{ error: { code, message } }` with the code Teams uses for the status. */
  body?: unknown;
}

export interface HangSpec extends CallMatcher {
  /** How long to hold the answer; `Infinity` never answers (the socket is closed on close()). */
  ms: number;
}

export interface ConnectorStats {
  accepted: number;
  throttled: { conversation: number; tenant: number };
  retryAfterViolations: number;
  failed: number;
  conversations: number;
  /** The most accepted calls one conversation had in any window of each conversation limit. */
  maxPerConversation: Record<string, number>;
  maxTenantPerSecond: number;
}

export interface LimitedConnector {
  url: string;
  /** Every call answered with success, in the order the connector decided on them. */
  accepted: ConnectorCall[];
  /** Calls refused because they would have broken a Teams limit (not injected 429s: those are in `failed`). */
  throttled: ThrottledCall[];
  /** Calls that came while a 429's Retry-After was still running. */
  violations: RetryAfterViolation[];
  readonly retryAfterViolations: number;
  failed: FailedCall[];
  byConversation(conversationId: string): ConnectorCall[];
  /** Resolves when `count` (default 1) accepted calls match `predicate`; rejects after `ms` (default 5000). */
  waitFor(predicate: (call: ConnectorCall) => boolean, options?: { count?: number; ms?: number }): Promise<ConnectorCall[]>;
  /** The most accepted calls to the conversation in any window of `windowMs` (as the limits count them). */
  maxInWindow(conversationId: string, windowMs: number): number;
  /** The most accepted calls of the tenant (default: all calls) in any window of `windowMs`. */
  maxTenantInWindow(windowMs: number, tenantId?: string): number;
  /** The next `count` calls matching `spec` are answered with `spec.status` and not accepted. */
  failNext(count: number, spec: FailureSpec): void;
  /** The next `count` calls matching `spec` are accepted but answered only after `spec.ms`. */
  hangNext(count: number, spec: HangSpec): void;
  /** Every n-th call is answered 429 with Retry-After 1 whatever the pace, as Teams does now and then; 0 stops it. */
  throttleEvery(n: number): void;
  /** Adds `ms` of latency to every answer; 0 stops it. */
  slow(ms: number): void;
  /** The person deleted the chat: calls to it get 404 until createConversation makes a new one (with a new id). */
  deleteConversation(conversationId: string): void;
  stats(): ConnectorStats;
  /** Forgets the records, the limit windows and the Retry-After blocks; keeps conversations and programmed faults. */
  clear(): void;
  close(): Promise<void>;
}

interface Route {
  kind: CallKind;
  /** Absent for a create: the conversation comes from its members. */
  conversationId?: string;
  activityId?: string;
}

interface Call {
  at: number;
  method: string;
  route: Route;
  conversationId: string;
  tenantId: string;
  body: CallBody;
  /** The caller went away (its process died) before the answer reached it: it cannot know the call succeeded. */
  abandoned?: boolean;
  /** When the answer was written (performance.now()); unset while the call is still held (slow, hangNext). */
  answeredAt?: number;
}

interface Answer {
  status: number;
  body: unknown;
  retryAfter?: number;
  /** Extra ms before answering (hangNext). */
  delayMs?: number;
  /** The accepted call this answers, to mark it abandoned if the caller goes away first. */
  record?: ConnectorCall;
}

interface Conversation {
  tenantId?: string;
  deleted: boolean;
  activityIds: Set<string>;
}

interface Rule<Spec> {
  remaining: number;
  spec: Spec;
}

/** Error codes Teams answers with, by status (docs "Status codes from bot conversational APIs"). */
const ERROR_CODES: Record<number, string> = {
  400: 'BadArgument',
  403: 'MessageWritesBlocked',
  404: 'ConversationNotFound',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'ServiceError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function errorBody(code: string, message: string): unknown {
  return { error: { code, message } };
}

function defaultErrorCode(status: number, kind: CallKind): string {
  // A 403 on create means the app is not installed for the person; on a send, that they blocked it.
  if (status === 403 && kind === 'create') return 'ForbiddenOperationException';
  return ERROR_CODES[status] ?? 'ServiceError';
}

function errorCodeOf(body: unknown): string | undefined {
  const code = at(body, 'error', 'code');
  return typeof code === 'string' ? code : undefined;
}

/** The value at `path` inside a parsed JSON value, or undefined. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * The Bot Framework REST v3 calls a bot makes (botframework-connector's conversations.js). Any
 * prefix before /v3 is allowed, as in the public service URL `https://smba.trafficmanager.net/teams/`.
 */
function parseRoute(method: string, url: string): Route | undefined {
  const path = url.split('?')[0] ?? '';
  const match = /\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
  if (!match) return undefined;
  const [, rawConversation, rawActivity] = match;
  if (rawConversation === undefined) return method === 'POST' ? { kind: 'create' } : undefined;
  const conversationId = decodeURIComponent(rawConversation);
  if (rawActivity === undefined) return method === 'POST' ? { kind: 'send', conversationId } : undefined;
  // POST …/activities/history is sendConversationHistory, which Teams does not support.
  if (rawActivity === 'history') return undefined;
  const activityId = decodeURIComponent(rawActivity);
  if (method === 'POST') return { kind: 'reply', conversationId, activityId };
  if (method === 'PUT') return { kind: 'update', conversationId, activityId };
  return undefined;
}

/** The members a createConversation names, as one key: one member gives a 1:1 chat with a stable id. */
function memberKey(body: CallBody): string | undefined {
  const members = body.members;
  if (!Array.isArray(members)) return undefined;
  const ids = members.map((member) => stringAt(member, 'id')).filter((id): id is string => id !== undefined);
  return ids.length > 0 ? ids.sort().join(',') : undefined;
}

/** Index of the first time after `since` in ascending `times`. */
function firstAfter(times: readonly number[], since: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle]! > since) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The most entries of ascending `times` that fit in a window of `windowMs` (a call exactly windowMs later is outside). */
function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

interface Breach {
  limit: WindowLimit;
  /** When the window will have room for one more call. */
  waitMs: number;
}

/** The limit a call at `now` would break that takes longest to clear, if any. */
function breach(times: readonly number[], limits: readonly WindowLimit[], now: number, tolerance: number): Breach | undefined {
  let worst: Breach | undefined;
  for (const limit of limits) {
    const windowMs = Math.max(1, limit.windowMs + tolerance);
    const start = firstAfter(times, now - windowMs);
    const inWindow = times.length - start;
    if (inWindow < limit.max) continue;
    // Room comes when the oldest calls that put the window at its maximum have slid out of it.
    const leaving = times[start + inWindow - limit.max]!;
    const waitMs = leaving + windowMs - now;
    if (!worst || waitMs > worst.waitMs) worst = { limit, waitMs };
  }
  return worst;
}

/** Drops times no window can see any more, so long runs stay cheap. */
function prune(times: number[], now: number, horizonMs: number): void {
  const keepFrom = firstAfter(times, now - horizonMs);
  if (keepFrom > 0) times.splice(0, keepFrom);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): CallBody | undefined {
  if (raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as CallBody) : undefined;
  } catch {
    return undefined;
  }
}

function matches(matcher: CallMatcher, call: Call): boolean {
  return (
    (matcher.kind === undefined || matcher.kind === call.route.kind) &&
    (matcher.conversationId === undefined || matcher.conversationId === call.conversationId) &&
    (matcher.tenantId === undefined || matcher.tenantId === call.tenantId)
  );
}

/** Takes one use of the first rule that matches the call. */
function takeRule<Spec extends CallMatcher>(rules: Rule<Spec>[], call: Call): Spec | undefined {
  const index = rules.findIndex((rule) => matches(rule.spec, call));
  if (index < 0) return undefined;
  const rule = rules[index]!;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule.spec;
}

export async function startLimitedConnector(options: LimitedConnectorOptions = {}): Promise<LimitedConnector> {
  const conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
  const tenantLimits: WindowLimit[] = [{ windowMs: 1_000, max: options.tenantRps ?? 30 }];
  const tolerance = options.tolerance ?? 0;
  const graceMs = options.retryAfterGraceMs ?? 2;
  const defaultTenantId = options.defaultTenantId ?? 'default-tenant';
  const horizonMs = Math.max(...conversationLimits.map((l) => l.windowMs), ...tenantLimits.map((l) => l.windowMs)) + Math.max(0, tolerance);

  const accepted: ConnectorCall[] = [];
  const throttled: ThrottledCall[] = [];
  const violations: RetryAfterViolation[] = [];
  const failed: FailedCall[] = [];

  const conversations = new Map<string, Conversation>();
  // Arrival times of accepted calls, ascending, per conversation and per tenant: the sliding windows.
  const conversationTimes = new Map<string, number[]>();
  const tenantTimes = new Map<string, number[]>();
  // Until when (performance.now) a 429 told the bot to stay away.
  const conversationBlocks = new Map<string, number>();
  const tenantBlocks = new Map<string, number>();

  const failures: Rule<FailureSpec>[] = [];
  const hangs: Rule<HangSpec>[] = [];
  let throttleEveryN = 0;
  let callsSeen = 0;
  let slowMs = 0;
  let activityCounter = 0;

  // Answers held back by slow() or hangNext(), so close() can end them.
  const pending = new Map<ServerResponse, NodeJS.Timeout | undefined>();

  function conversation(id: string): Conversation {
    let found = conversations.get(id);
    if (!found) {
      found = { deleted: false, activityIds: new Set() };
      conversations.set(id, found);
    }
    return found;
  }

  /** Teams keeps one 1:1 chat per person; once deleted, creating it again gives a new id. */
  function conversationIdFor(key: string): string {
    for (let generation = 1; ; generation += 1) {
      const id = generation === 1 ? `a:conv-${key}` : `a:conv-${key}-${generation}`;
      if (!conversations.get(id)?.deleted) return id;
    }
  }

  function tenantOf(route: Route, conversationId: string, body: CallBody): string {
    if (route.kind === 'create') return stringAt(body, 'tenantId') ?? stringAt(body, 'channelData', 'tenant', 'id') ?? defaultTenantId;
    return (
      stringAt(body, 'channelData', 'tenant', 'id') ??
      stringAt(body, 'conversation', 'tenantId') ??
      conversations.get(conversationId)?.tenantId ??
      defaultTenantId
    );
  }

  function retryAfterSeconds(waitMs: number): number {
    if (options.fractionalRetryAfter) return Math.max(0.001, Math.ceil(waitMs) / 1000);
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  function block(call: Call, scope: 'conversation' | 'tenant', retryAfter: number): void {
    const until = call.at + retryAfter * 1000;
    if (scope === 'tenant') tenantBlocks.set(call.tenantId, Math.max(until, tenantBlocks.get(call.tenantId) ?? 0));
    else conversationBlocks.set(call.conversationId, Math.max(until, conversationBlocks.get(call.conversationId) ?? 0));
  }

  function fail(call: Call, status: number, body: unknown, retryAfter?: number): Answer {
    failed.push({
      at: call.at,
      method: call.method,
      kind: call.route.kind,
      conversationId: call.conversationId,
      tenantId: call.tenantId,
      status,
      code: errorCodeOf(body) ?? String(status),
    });
    return { status, body, retryAfter };
  }

  /** A call while a Retry-After runs: the bot did not wait as told. */
  function checkBlocked(call: Call): Answer | undefined {
    const blocks: ['conversation' | 'tenant', number | undefined][] = [
      ['tenant', tenantBlocks.get(call.tenantId)],
      ['conversation', conversationBlocks.get(call.conversationId)],
    ];
    for (const [scope, until] of blocks) {
      if (until === undefined || call.at >= until - graceMs) continue;
      const earlyByMs = until - call.at;
      violations.push({ at: call.at, method: call.method, kind: call.route.kind, conversationId: call.conversationId, tenantId: call.tenantId, scope, earlyByMs });
      const message = `Retry-After not honoured: the ${scope} is blocked for another ${Math.ceil(earlyByMs)} ms`;
      return { status: 429, body: errorBody('Throttled', message), retryAfter: retryAfterSeconds(earlyByMs) };
    }
    return undefined;
  }

  function checkInjected(call: Call): Answer | undefined {
    callsSeen += 1;
    if (throttleEveryN > 0 && callsSeen % throttleEveryN === 0) {
      block(call, 'conversation', 1);
      return fail(call, 429, errorBody('Throttled', 'throttled now and then (throttleEvery)'), 1);
    }
    const spec = takeRule(failures, call);
    if (!spec) return undefined;
    const code = defaultErrorCode(spec.status, call.route.kind);
    const scope = spec.status === 429 && spec.scope === 'tenant' ? ' for this tenant' : '';
    const body = spec.body ?? errorBody(code, `injected by the test (failNext ${spec.status}${scope})`);
    const retryAfter = spec.retryAfter ?? (spec.status === 429 ? 1 : undefined);
    if (spec.status === 429 && retryAfter !== undefined) block(call, spec.scope ?? 'conversation', retryAfter);
    return fail(call, spec.status, body, retryAfter);
  }

  function checkConversationState(call: Call): Answer | undefined {
    if (call.route.kind === 'create') return undefined;
    const known = conversations.get(call.conversationId);
    if (known?.deleted) return fail(call, 404, errorBody('ConversationNotFound', `conversation ${call.conversationId} was deleted`));
    if (call.route.kind === 'update' && !known?.activityIds.has(call.route.activityId ?? '')) {
      return fail(call, 404, errorBody('NotFound', `activity ${call.route.activityId} was never sent in ${call.conversationId}`));
    }
    return undefined;
  }

  function checkLimits(call: Call): Answer | undefined {
    const limited: ['conversation' | 'tenant', Breach | undefined][] = [
      ['conversation', breach(conversationTimes.get(call.conversationId) ?? [], conversationLimits, call.at, tolerance)],
      ['tenant', breach(tenantTimes.get(call.tenantId) ?? [], tenantLimits, call.at, tolerance)],
    ];
    for (const [reason, broken] of limited) {
      if (!broken) continue;
      const retryAfter = retryAfterSeconds(broken.waitMs);
      block(call, reason, retryAfter);
      throttled.push({ at: call.at, method: call.method, kind: call.route.kind, conversationId: call.conversationId, tenantId: call.tenantId, reason, limit: broken.limit, retryAfter });
      const message = `more than ${broken.limit.max} calls in ${broken.limit.windowMs} ms for this ${reason}`;
      return { status: 429, body: errorBody('Throttled', message), retryAfter };
    }
    return undefined;
  }

  function remember(times: Map<string, number[]>, key: string, now: number): void {
    let list = times.get(key);
    if (!list) {
      list = [];
      times.set(key, list);
    }
    prune(list, now, horizonMs);
    list.push(now);
  }

  function accept(call: Call): Answer {
    remember(conversationTimes, call.conversationId, call.at);
    remember(tenantTimes, call.tenantId, call.at);
    const state = conversation(call.conversationId);
    state.tenantId ??= call.tenantId;

    const { kind } = call.route;
    let activityId: string | undefined;
    if (kind === 'update') activityId = call.route.activityId;
    else if (kind !== 'create' || call.body.activity !== undefined) activityId = `activity-${++activityCounter}`;
    if (activityId !== undefined) state.activityIds.add(activityId);

    const replyToId = kind === 'reply' ? call.route.activityId : undefined;
    const record: ConnectorCall = { at: call.at, method: call.method, kind, conversationId: call.conversationId, activityId, replyToId, tenantId: call.tenantId, body: call.body };
    accepted.push(record);
    const body = kind === 'create' ? { id: call.conversationId, ...(activityId ? { activityId } : {}) } : { id: activityId };
    return { status: kind === 'create' ? 201 : 200, body, delayMs: takeRule(hangs, call)?.ms, record };
  }

  /** Synchronous from here on, so concurrent calls are decided one at a time in arrival order. */
  function decide(call: Call): Answer {
    return checkBlocked(call) ?? checkInjected(call) ?? checkConversationState(call) ?? checkLimits(call) ?? accept(call);
  }

  function write(res: ServerResponse, answer: Answer): void {
    pending.delete(res);
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
    res.writeHead(answer.status, headers);
    res.end(JSON.stringify(answer.body));
    if (answer.record) answer.record.answeredAt = performance.now();
  }

  function respond(res: ServerResponse, answer: Answer): void {
    const record = answer.record;
    if (record) res.on('close', () => {
      if (!res.writableFinished) record.abandoned = true;
    });
    const delay = slowMs + (answer.delayMs ?? 0);
    if (delay <= 0) return write(res, answer);
    // setTimeout fires at once for delays beyond 2^31-1 ms: treat those as never.
    if (delay > 2_147_483_647) {
      pending.set(res, undefined);
      return;
    }
    pending.set(res, setTimeout(() => write(res, answer), delay));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const route = parseRoute(method, req.url ?? '');
    const body = parseBody(await readBody(req));
    if (!route) return respond(res, { status: 404, body: errorBody('NotFound', `no such endpoint: ${method} ${req.url}`) });
    // Decided now, after the body arrived, so the windows' times stay in order.
    const now = performance.now();
    if (!body) return respond(res, { status: 400, body: errorBody('BadArgument', 'the body is not a JSON object') });

    let conversationId = route.conversationId;
    if (route.kind === 'create') {
      const key = memberKey(body);
      if (!key) return respond(res, { status: 400, body: errorBody('BadArgument', 'createConversation needs members: [{ id }]') });
      conversationId = conversationIdFor(key);
    }
    const id = conversationId ?? '';
    const call: Call = { at: now, method, route, conversationId: id, tenantId: tenantOf(route, id, body), body };
    respond(res, decide(call));
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  function timesOf(calls: ConnectorCall[]): number[] {
    return calls.map((call) => call.at);
  }

  const connector: LimitedConnector = {
    url: `http://127.0.0.1:${port}`,
    accepted,
    throttled,
    violations,
    get retryAfterViolations() {
      return violations.length;
    },
    failed,
    byConversation: (conversationId) => accepted.filter((call) => call.conversationId === conversationId),
    async waitFor(predicate, { count = 1, ms = 5000 } = {}) {
      const deadline = performance.now() + ms;
      for (;;) {
        const found = accepted.filter(predicate);
        if (found.length >= count) return found;
        if (performance.now() > deadline) {
          throw new Error(`waited ${ms} ms for ${count} matching calls; ${found.length} matched of ${accepted.length} accepted (${throttled.length} throttled, ${failed.length} failed)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    maxInWindow: (conversationId, windowMs) => maxInAnyWindow(timesOf(connector.byConversation(conversationId)), windowMs),
    maxTenantInWindow: (windowMs, tenantId) =>
      maxInAnyWindow(timesOf(tenantId === undefined ? accepted : accepted.filter((call) => call.tenantId === tenantId)), windowMs),
    failNext(count, spec) {
      if (count > 0) failures.push({ remaining: count, spec });
    },
    hangNext(count, spec) {
      if (count > 0) hangs.push({ remaining: count, spec });
    },
    throttleEvery(n) {
      throttleEveryN = n;
      callsSeen = 0;
    },
    slow(ms) {
      slowMs = ms;
    },
    deleteConversation(conversationId) {
      conversation(conversationId).deleted = true;
    },
    stats() {
      // One pass to group by conversation: a benchmark may have thousands of them.
      const timesByConversation = new Map<string, number[]>();
      for (const call of accepted) {
        const times = timesByConversation.get(call.conversationId) ?? [];
        times.push(call.at);
        timesByConversation.set(call.conversationId, times);
      }
      const maxPerConversation: Record<string, number> = {};
      for (const { windowMs } of conversationLimits) {
        let most = 0;
        for (const times of timesByConversation.values()) most = Math.max(most, maxInAnyWindow(times, windowMs));
        maxPerConversation[`${windowMs}ms`] = most;
      }
      return {
        accepted: accepted.length,
        throttled: {
          conversation: throttled.filter((call) => call.reason === 'conversation').length,
          tenant: throttled.filter((call) => call.reason === 'tenant').length,
        },
        retryAfterViolations: violations.length,
        failed: failed.length,
        conversations: timesByConversation.size,
        maxPerConversation,
        maxTenantPerSecond: connector.maxTenantInWindow(1_000),
      };
    },
    clear() {
      accepted.length = 0;
      throttled.length = 0;
      violations.length = 0;
      failed.length = 0;
      conversationTimes.clear();
      tenantTimes.clear();
      conversationBlocks.clear();
      tenantBlocks.clear();
    },
    async close() {
      for (const [res, timer] of pending) {
        clearTimeout(timer);
        res.destroy();
      }
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return connector;
}
