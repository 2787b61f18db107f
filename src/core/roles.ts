// Incident roles (after the Incident Command System as used by PagerDuty, Google SRE and others).
import { own } from './own';

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

const squeeze = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/** Typed names of roles besides their ids and labels: `ic`, `tech lead`, `comms lead`, `SME`... */
const ROLE_ALIASES: Readonly<Record<string, Role>> = {
  ic: 'commander',
  techlead: 'tech',
  commslead: 'comms',
  communications: 'comms',
  supportlead: 'support',
};

/**
 * The role a person typed: its id (`tech`), its label in any case and spacing (`technical lead`), or
 * a common short name (`IC`, `tech lead`). Undefined for anything else.
 */
export function roleNamed(text: string): Role | undefined {
  const typed = squeeze(text);
  return ROLES.find((r) => r === typed || squeeze(ROLE_LABELS[r]) === typed) ?? own(ROLE_ALIASES, typed);
}
