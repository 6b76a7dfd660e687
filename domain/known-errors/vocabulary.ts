export const KNOWN_ERROR_STATUSES = ['registrert', 'meldt_til_leverandor', 'under_arbeid', 'rettet', 'avvist'] as const;
export type KnownErrorStatus = (typeof KNOWN_ERROR_STATUSES)[number];
