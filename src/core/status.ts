export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_INFO: Readonly<Record<Status, string>> = {
  investigating: 'Cause not yet known',
  identified: 'Cause known, fix in progress',
  monitoring: 'Fix applied, watching that it holds',
  resolved: 'Customer impact is over',
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
