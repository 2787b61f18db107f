// Incident roles (after the Incident Command System as used by PagerDuty, Google SRE and others).

export const ROLES = ['commander', 'comms', 'scribe', 'tech', 'support', 'sme', 'problem'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  commander: 'Incident Commander',
  comms: 'Communications lead',
  scribe: 'Scribe',
  tech: 'Technical lead',
  support: 'Customer support lead',
  sme: 'Subject matter expert',
  problem: 'Problem manager',
};

/** Roles that several people hold at once; any other role has one holder and assigning it hands it off. */
export const MULTI_HOLDER_ROLES: ReadonlySet<Role> = new Set<Role>(['sme']);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
