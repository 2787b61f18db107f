// The role board: who holds each incident role, since when, who held it before, and which roles
// a serious incident is missing. Built from the core fold's `roles` and `roleHistory`.

import { Incident, RoleTenure } from './incident';
import { MULTI_HOLDER_ROLES, Role, ROLE_LABELS, ROLES } from './roles';
import { Severity } from './severity';

export interface RoleSlot {
  readonly role: Role;
  readonly label: string;
  /** Several people hold it at once (SMEs); assigning adds a holder instead of handing off. */
  readonly multi: boolean;
  /** Current holders, in the order they took the role. */
  readonly holders: readonly { readonly person: string; readonly since: string }[];
  /** Every tenure of this role, newest first: the hand-off history. */
  readonly history: readonly RoleTenure[];
}

export interface RoleGap {
  readonly role: Role;
  readonly label: string;
  readonly reason: string;
}

export interface RoleBoard {
  readonly slots: readonly RoleSlot[];
  readonly gaps: readonly RoleGap[];
}

/** Roles a SEV1/SEV2 must have filled while it is active: someone runs it, someone talks to the world. */
export const REQUIRED_ROLES: Readonly<Partial<Record<Severity, readonly Role[]>>> = {
  SEV1: ['commander', 'comms'],
  SEV2: ['commander', 'comms'],
};

export function roleBoard(incident: Incident): RoleBoard {
  const slots: RoleSlot[] = ROLES.map((role) => ({
    role,
    label: ROLE_LABELS[role],
    multi: MULTI_HOLDER_ROLES.has(role),
    holders: incident.roles.filter((h) => h.role === role).map(({ person, since }) => ({ person, since })),
    history: incident.roleHistory
      .filter((t) => t.role === role)
      .slice()
      .sort((a, b) => Date.parse(b.since) - Date.parse(a.since)),
  }));
  const required = incident.status === 'resolved' ? [] : (REQUIRED_ROLES[incident.severity] ?? []);
  const gaps = required
    .filter((role) => !incident.roles.some((h) => h.role === role))
    .map((role) => ({
      role,
      label: ROLE_LABELS[role],
      reason: `${incident.severity} without a ${ROLE_LABELS[role]}`,
    }));
  return { slots, gaps };
}

/** The person holding a single-holder role now, if anyone: who a hand-off is from. */
export function currentHolder(incident: Incident, role: Role): string | undefined {
  return incident.roles.find((h) => h.role === role)?.person;
}
