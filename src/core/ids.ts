// Identifiers that two responders on two machines can mint at the same moment without colliding.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case: no i, l, o, u

/** Packs the bytes 5 bits per character; `length` characters need `ceil(length * 5 / 8)` bytes. */
export function base32(bytes: Uint8Array, length: number): string {
  if (bytes.length * 8 < length * 5) {
    throw new Error(`base32: ${length} characters need ${Math.ceil((length * 5) / 8)} random bytes, got ${bytes.length}`);
  }
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; out.length < length;) {
    if (bits < 5) {
      buffer = ((buffer << 8) | bytes[i++]) & 0xffff;
      bits += 8;
    }
    out += ALPHABET[(buffer >> (bits - 5)) & 31];
    bits -= 5;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `INC-20261122-2343-k3m9qz`: the UTC minute it was declared (so folders sort by time and read
 * well in git) and 30 random bits from 4 bytes (a collision needs two declarations in the same
 * minute and a one-in-a-billion draw).
 */
export function newIncidentId(now: Date, random: Uint8Array): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
  return `INC-${date}-${time}-${base32(random, 6)}`;
}

/** 80 random bits (10 bytes), enough that no two events of one incident ever share an id by chance. */
export function newEventId(random: Uint8Array): string {
  return base32(random, 16);
}

/**
 * The id just after `previous` in the order the fold breaks time ties by (string order; the alphabet
 * is in ASCII order): for the next event one writer stamps in the same millisecond, so the fold keeps
 * the order it was written in. Undefined past the last id (`zzz...`) or for what is not an id.
 */
export function eventIdAfter(previous: string): string | undefined {
  const digits = [...previous].map((ch) => ALPHABET.indexOf(ch));
  if (!digits.length || digits.includes(-1)) {
    return undefined;
  }
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < ALPHABET.length - 1) {
      digits[i]++;
      return digits.map((d) => ALPHABET[d]).join('');
    }
    digits[i] = 0;
  }
  return undefined;
}

export const INCIDENT_ID_PATTERN = /^INC-\d{8}-\d{4}-[0-9a-z]{6}$/;

export function isIncidentId(value: string): boolean {
  return INCIDENT_ID_PATTERN.test(value);
}

/**
 * An incident id as typed or passed (`inc-20261122-2343-K3M9QZ`, spaces around) in the form ids are
 * made in: `INC-`, then the rest in lower case. Anything else is only trimmed.
 */
export function incidentIdFrom(typed: string): string {
  const id = typed.trim();
  return /^inc-/i.test(id) ? `INC-${id.slice(4).toLowerCase()}` : id;
}

/** The short form shown in narrow places: `INC-2343-k3m9`. */
export function shortIncidentId(id: string): string {
  const match = /^INC-\d{8}-(\d{4})-([0-9a-z]{4})/.exec(id);
  return match ? `INC-${match[1]}-${match[2]}` : id;
}
