import type { Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import type { SupportLine } from './vocabulary.js';

/** Where a henvendelse is: its line, with the unit (process advisers) or subject area (specialists) by name. */
export interface RequestLocation {
  line: SupportLine;
  unit: { id: string; name: string } | null;
  subjectArea: { id: string; name: string } | null;
}

/** «fagspesialistene for Økonomi», «leverandørkontaktene», … (what follows «hos» or «til»). */
export function placeText(location: RequestLocation, t: Translate): string {
  return t(`handover.place.${location.line}`, { unit: location.unit?.name ?? '–', area: location.subjectArea?.name ?? '–' });
}

/** The location of a line scope, with the names of its unit and subject area (one query at a time: in a transaction). */
export async function locationOf(db: DbClient, scope: { line: SupportLine; lineUnitId: string | null; lineSubjectAreaId: string | null }): Promise<RequestLocation> {
  const unit = scope.lineUnitId ? await db.unit.findUnique({ where: { id: scope.lineUnitId }, select: { id: true, name: true } }) : null;
  const subjectArea = scope.lineSubjectAreaId ? await db.subjectArea.findUnique({ where: { id: scope.lineSubjectAreaId }, select: { id: true, name: true } }) : null;
  return { line: scope.line, unit, subjectArea };
}
