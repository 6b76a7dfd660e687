import type { OrganisationFile } from '../../org/org-file.js';
import { FIRST_NAMES, LAST_NAMES, UNIT_NAMES } from './demo-titles.js';

/** People in each generated unit: a leader, a deputy and caseworkers. */
const UNIT_SIZE = 20;

const ascii = (text: string) =>
  text.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/[^a-z]/g, '');

/**
 * The demo organisation grown to `people` people for benchmarks: units of twenty (a leader, a
 * deputy, caseworkers) under the top unit, with Norwegian names. The same count gives the same
 * people (their ids are numbered), so a benchmark can be run again on the same organisation.
 */
export function withGeneratedPeople(org: OrganisationFile, people: number): OrganisationFile {
  const extra = people - org.people.length;
  if (extra <= 0) return org;
  const top = org.units.find((unit) => unit.parent === undefined)?.code;
  const units: OrganisationFile['units'] = [];
  const persons: OrganisationFile['people'] = [];
  for (let index = 0; index < extra; index += 1) {
    const unitNumber = Math.floor(index / UNIT_SIZE) + 1;
    const code = `GEN${String(unitNumber).padStart(4, '0')}`;
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const aadObjectId = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
    const email = `${ascii(first)}.${ascii(last)}.${index + 1}@eksempel.kommune.no`;
    const place = index % UNIT_SIZE;
    if (place === 0) units.push({ code, name: `${UNIT_NAMES[(unitNumber - 1) % UNIT_NAMES.length]} ${unitNumber}`, parent: top, leader: aadObjectId, deputies: [] });
    else if (place === 1) units[units.length - 1]!.deputies.push(aadObjectId);
    persons.push({ aadObjectId, name: `${first} ${last}`, email, unit: code, roles: place === 0 ? [] : [{ role: 'saksbehandler', unit: undefined, subjectAreas: [] }] });
  }
  return { ...org, units: [...org.units, ...units], people: [...org.people, ...persons] };
}
