import type { DbClient } from '../db.js';

/** The organisation's subject areas a henvendelse can be about, in Norwegian alphabetical order. */
export async function listSubjectAreas(db: DbClient): Promise<{ id: string; name: string }[]> {
  const areas = await db.subjectArea.findMany({ where: { active: true }, select: { id: true, name: true } });
  return areas.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}
