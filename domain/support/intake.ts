import { z } from 'zod';
import { REFERENCE_PATTERN } from './reference.js';
import { INTAKE_CATEGORIES, SUPPORT_URGENCIES, type SupportCategory } from './vocabulary.js';

/** The longest text each field of the intake card takes (the card says so too). */
export const INTAKE_LIMITS = { what: 2000, who: 500, result: 2000, reference: 20 } as const;

/** The fields a person fills in on the intake card, in the card's order. */
export const INTAKE_FIELDS = ['what', 'who', 'result', 'category', 'subjectAreaId', 'reference', 'urgency'] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** What is wrong with one field, in terms the card turns into a sentence. */
export type IntakeProblem =
  | { field: IntakeField; problem: 'required' | 'format' | 'unknown' }
  | { field: IntakeField; problem: 'tooLong'; max: number };

/** Teams sends an empty input as "" (or leaves it out): both mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** What a card submits for a henvendelse whose category is one of `categories`. */
const submitRequestSchema = (categories: readonly [SupportCategory, ...SupportCategory[]]) => z.object({
  what: z.preprocess(blankToUndefined, z.string().trim().min(1).max(INTAKE_LIMITS.what)),
  who: optional(z.string().trim().max(INTAKE_LIMITS.who)),
  result: optional(z.string().trim().max(INTAKE_LIMITS.result)),
  category: z.enum(categories),
  subjectAreaId: optional(z.string().uuid()),
  reference: optional(z.string().trim().max(INTAKE_LIMITS.reference).regex(REFERENCE_PATTERN)),
  urgency: z.preprocess(blankToUndefined, z.enum(SUPPORT_URGENCIES).default('normal')),
  /** Made when the card was rendered: the same card submitted twice is one henvendelse. */
  intakeKey: z.string().uuid(),
  /** The self-help search the person came from, when «Jeg trenger fortsatt hjelp» opened the card. */
  selfHelpQueryId: optional(z.string().uuid()),
});
/** What the intake card submits: the person's answers, and the ids the card itself carries. */
export const ZSubmitRequest = submitRequestSchema(INTAKE_CATEGORIES);
export type SubmitRequestInput = z.infer<typeof ZSubmitRequest>;

export type ParsedIntake =
  | { ok: true; value: SubmitRequestInput }
  /** `brokenCard`: the card's own ids are missing or malformed: not something the person can correct. */
  | { ok: false; problems: IntakeProblem[]; brokenCard: boolean };

const isIntakeField = (key: unknown): key is IntakeField => (INTAKE_FIELDS as readonly unknown[]).includes(key);

/**
 * Reads what the card sent; every problem is named by its field, once, in the card's order. The
 * intake card's categories unless a message action says otherwise («Send til journalføring»).
 */
export function parseIntake(data: unknown, categories: readonly [SupportCategory, ...SupportCategory[]] = INTAKE_CATEGORIES): ParsedIntake {
  const parsed = (categories === INTAKE_CATEGORIES ? ZSubmitRequest : submitRequestSchema(categories)).safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = new Map<IntakeField, IntakeProblem>();
  let brokenCard = false;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isIntakeField(field)) {
      brokenCard = true;
      continue;
    }
    if (problems.has(field)) continue;
    problems.set(field, problemOf(field, issue));
  }
  return { ok: false, problems: INTAKE_FIELDS.flatMap((field) => problems.get(field) ?? []), brokenCard };
}

function problemOf(field: IntakeField, issue: z.ZodIssue): IntakeProblem {
  if (issue.code === 'too_big' && field in INTAKE_LIMITS) return { field, problem: 'tooLong', max: INTAKE_LIMITS[field as keyof typeof INTAKE_LIMITS] };
  if (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.received === 'undefined')) return { field, problem: 'required' };
  if (issue.code === 'invalid_string' && issue.validation === 'regex') return { field, problem: 'format' };
  return { field, problem: 'unknown' };
}
