import { fileURLToPath } from 'node:url';
import type { RoleKey } from '../people/roles.js';

export const DEMO_ORGANISATION_PATH = fileURLToPath(new URL('./demo-organisation.yaml', import.meta.url));

/**
 * Who to be in the Agents Playground to try each role with the demo organisation. The first six
 * are the Playground's built-in mock users; the Playground has none for the remaining roles.
 */
export const DEMO_ROLE_PERSONAS: Record<string, string> = {
  saksbehandler: '00000000-0000-0000-0000-0000000000020', // Alex Wilber
  leder: '00000000-0000-0000-0000-0000000000021', // Megan Bowen, Økonomiavdelingen
  arkivet: '00000000-0000-0000-0000-0000000000022', // Adele Vance, Dokumentsenteret
  stedfortreder: '00000000-0000-0000-0000-0000000000023', // Isaiah Langer, Økonomiavdelingen
  fagspesialist: '00000000-0000-0000-0000-0000000000024', // Patti Fernandez, økonomi
  prosessradgiver: '00000000-0000-0000-0000-0000000000024', // Patti Fernandez, økonomi
  toppgodkjenner: '00000000-0000-0000-0000-0000000000025', // Lynne Robbins, kommunedirektør
  leverandorkontakt: '393966a3-be0e-4c46-8ec9-e049d994ec5c', // Henrik Solberg
  systemadministrator: '4c70f70d-c03a-4145-b03e-53c56d1096c9', // Sigrid Dahl
  arkivansvarlig: 'ea3ee072-559a-4b41-b13d-bf615a90298e', // Ingrid Bakken
  administrator: '4c70f70d-c03a-4145-b03e-53c56d1096c9', // Sigrid Dahl
  moderator: '711a7fe4-08d9-4acf-9487-0c259d699338', // Nils Haugen, Plan og bygg
} satisfies Record<RoleKey, string>;
