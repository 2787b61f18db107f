// `.warroom/oncall.yaml` read with positions (the project's one YAML reader and the runbooks'
// field reader), so a wrong time zone or a bad date points at its line. A rotation or override with
// an error is left out rather than half-read; its problem says why.

import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { parseDuration } from '../time';
import { readYamlDocuments } from '../runbooks/yamlDocuments';
import { entries, field, Reader } from '../runbooks/yamlRunbook';
import {
  EscalationLevel,
  EscalationPath,
  isLayer,
  LAYERS,
  OncallConfig,
  OncallProblem,
  Override,
  Rotation,
  UnreadableRotation,
} from './model';

export { ONCALL_FILE } from './model';
import { isTimeZone } from './zone';

const ROOT_KEYS = new Set(['people', 'rotations', 'overrides', 'escalation']);
const ROTATION_KEYS = new Set(['id', 'layer', 'services', 'members', 'start', 'length', 'handoff', 'timezone', 'end']);
const OVERRIDE_KEYS = new Set(['rotation', 'who', 'from', 'to']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
/** An ISO instant with its offset: a local time here would depend on the reader's machine. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ParsedOncallFile {
  readonly config: OncallConfig;
  readonly problems: readonly OncallProblem[];
}

export function parseOncallFile(text: string, file: string): ParsedOncallFile {
  const { documents, lines, problems: syntax } = readYamlDocuments(text, file);
  const r = new Reader(file, lines);
  r.problems.push(...syntax);
  const empty: OncallConfig = { rotations: [], overrides: [], escalation: [] };
  const root = documents[0]?.contents;
  if (documents.length > 1) {
    r.warn(documents[1].contents, 'only the first YAML document is read');
  }
  if (!root || (isScalar(root) && root.value === null)) {
    return { config: empty, problems: r.problems };
  }
  if (!isMap(root)) {
    r.error(root, 'the on-call file must be a mapping with "rotations"');
    return { config: empty, problems: r.problems };
  }
  unknownKeys(root, ROOT_KEYS, r);
  const peopleNode = field(root, 'people');
  const people = peopleNode === undefined ? undefined : r.strings(peopleNode, '"people"', root);
  const rotations: Rotation[] = [];
  const unreadable: UnreadableRotation[] = [];
  for (const map of items(root, 'rotations', r)) {
    const rotation = readRotation(map, r, unreadable);
    if (rotation && rotations.some((other) => other.id === rotation.id)) r.error(map, `rotation id "${rotation.id}" is used twice`);
    else if (rotation) rotations.push(rotation);
  }
  const overrides = items(root, 'overrides', r).flatMap((m) => readOverride(m, r) ?? []);
  const escalation = readEscalation(field(root, 'escalation'), r);
  const problems = [...r.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const config = { ...(people ? { people } : {}), rotations, overrides, escalation, ...(unreadable.length ? { unreadable } : {}) };
  return { config, problems };
}

function unknownKeys(map: YAMLMap, known: ReadonlySet<string>, r: Reader): void {
  for (const { key, keyNode } of entries(map)) {
    if (!known.has(key)) r.warn(keyNode, `unknown field "${key}" (known: ${[...known].join(', ')})`);
  }
}

function items(root: YAMLMap, key: string, r: Reader): YAMLMap[] {
  const node = field(root, key);
  if (node === undefined || node === null) return [];
  if (!isSeq(node)) {
    r.error(node as Node, `"${key}" must be a list`);
    return [];
  }
  return node.items.filter((item): item is YAMLMap => {
    if (isMap(item)) return true;
    r.error(item as Node, `each of "${key}" must be a mapping`);
    return false;
  });
}

function required(map: YAMLMap, key: string, r: Reader): { value?: string; node: Node } {
  const node = field(map, key) as Node | undefined;
  if (node === undefined) {
    r.error(map, `missing "${key}"`);
    return { node: map };
  }
  return { value: r.string(node, `"${key}"`, map), node };
}

function date(map: YAMLMap, key: string, r: Reader, isRequired: boolean): string | undefined {
  if (!isRequired && field(map, key) === undefined) return undefined;
  const { value, node } = required(map, key, r);
  if (value === undefined) return undefined;
  const m = DATE.exec(value);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== value) {
    r.error(node, `"${key}" must be a date YYYY-MM-DD (got "${value}")`);
    return undefined;
  }
  return value;
}

function readRotation(map: YAMLMap, r: Reader, unreadable: UnreadableRotation[]): Rotation | undefined {
  const errors = r.problems.length;
  unknownKeys(map, ROTATION_KEYS, r);
  const id = required(map, 'id', r).value;
  const layerNode = field(map, 'layer') as Node | undefined;
  const layer = layerNode === undefined ? 'primary' : r.string(layerNode, '"layer"', map);
  if (layer !== undefined && !isLayer(layer)) r.error(layerNode, `"layer" must be ${LAYERS.join(' or ')} (got "${layer}")`);
  const services = r.strings(field(map, 'services'), '"services"', map);
  if (!services.length) r.error(map, 'a rotation needs "services" (the services it is on call for)');
  const members = r.strings(field(map, 'members'), '"members"', map);
  if (!members.length) r.error(map, 'a rotation needs "members"');
  const start = date(map, 'start', r, true);
  const end = date(map, 'end', r, false);
  const lengthDays = readLength(map, r);
  const handoffNode = field(map, 'handoff') as Node | undefined;
  const handoff = handoffNode === undefined ? '09:00' : r.string(handoffNode, '"handoff"', map);
  if (handoff !== undefined && !CLOCK.test(handoff)) r.error(handoffNode, `"handoff" must be a time HH:MM (got "${handoff}")`);
  const { value: timeZone, node: zoneNode } = required(map, 'timezone', r);
  if (timeZone !== undefined && !isTimeZone(timeZone))
    r.error(zoneNode, `"timezone" "${timeZone}" is not an IANA time zone (e.g. Europe/Berlin)`);
  if (start && end && end <= start) r.error(field(map, 'end') as Node, '"end" must be after "start"');
  const hasErrors = r.problems.slice(errors).some((p) => p.severity === 'error');
  if (hasErrors || !id || !start || !lengthDays || !handoff || !timeZone || !isLayer(layer)) {
    if (id) unreadable.push({ id, ...(isLayer(layer) ? { layer } : {}), services, position: r.pos(map) });
    return undefined;
  }
  return { id, layer, services, members, start, lengthDays, handoff, timeZone, ...(end ? { end } : {}), position: r.pos(map) };
}

function readLength(map: YAMLMap, r: Reader): number | undefined {
  const node = field(map, 'length') as Node | undefined;
  if (node === undefined) {
    r.error(map, 'missing "length" (days or weeks: 1w, 3d)');
    return undefined;
  }
  const text = isScalar(node) && typeof node.value === 'number' ? `${node.value}d` : r.string(node, '"length"', map);
  const ms = text === undefined ? undefined : parseDuration(text);
  if (ms === undefined || ms <= 0 || ms % DAY_MS !== 0) {
    r.error(node, `"length" must be whole days or weeks, e.g. 1w or 3d (got "${text ?? ''}")`);
    return undefined;
  }
  return ms / DAY_MS;
}

function readOverride(map: YAMLMap, r: Reader): Override | undefined {
  const errors = r.problems.length;
  unknownKeys(map, OVERRIDE_KEYS, r);
  const rotation = required(map, 'rotation', r).value;
  const who = required(map, 'who', r).value;
  const instant = (key: string) => {
    const { value, node } = required(map, key, r);
    if (value !== undefined && (!INSTANT.test(value) || Number.isNaN(Date.parse(value)))) {
      r.error(node, `"${key}" must be a time with its offset, e.g. 2026-03-28T18:00+01:00 (got "${value}")`);
      return undefined;
    }
    return value === undefined ? undefined : new Date(value).toISOString();
  };
  const from = instant('from');
  const to = instant('to');
  if (from && to && to <= from) r.error(field(map, 'to') as Node, '"to" must be after "from"');
  if (r.problems.slice(errors).some((p) => p.severity === 'error') || !rotation || !who || !from || !to) return undefined;
  return { rotation, who, from, to, position: r.pos(map) };
}

function readEscalation(node: unknown, r: Reader): EscalationPath[] {
  if (node === undefined || node === null) return [];
  if (!isSeq(node)) {
    r.error(node as Node, '"escalation" must be a list of {service, levels}');
    return [];
  }
  const paths: EscalationPath[] = [];
  for (const item of node.items) {
    if (!isMap(item)) {
      r.error(item as Node, 'each escalation path must be a mapping with "service" and "levels"');
      continue;
    }
    unknownKeys(item, new Set(['service', 'levels']), r);
    const service = required(item, 'service', r).value;
    const levelsNode = field(item, 'levels');
    if (!isSeq(levelsNode) || !levelsNode.items.length) {
      r.error((levelsNode as Node | undefined) ?? item, '"levels" must be a non-empty list of {after, notify}');
      continue;
    }
    const levels: EscalationLevel[] = [];
    for (const level of levelsNode.items) {
      if (!isMap(level)) {
        r.error(level as Node, 'each level must be a mapping with "after" and "notify"');
        continue;
      }
      unknownKeys(level, new Set(['after', 'notify']), r);
      const afterNode = field(level, 'after') as Node | undefined;
      const afterText =
        afterNode === undefined
          ? '0m'
          : isScalar(afterNode) && typeof afterNode.value === 'number'
            ? `${afterNode.value}m`
            : r.string(afterNode, '"after"', level);
      const afterMs = afterText === undefined ? undefined : afterText.trim() === '0' ? 0 : parseDuration(afterText);
      if (afterMs === undefined) r.error(afterNode, `"after" must be a delay such as 15m (got "${afterText ?? ''}")`);
      const notify = r.strings(field(level, 'notify'), '"notify"', level);
      if (!notify.length) r.error(level, 'a level needs "notify" (primary, secondary or people)');
      if (afterMs !== undefined && notify.length) levels.push({ afterMinutes: afterMs / 60_000, notify, position: r.pos(level) });
    }
    for (let i = 1; i < levels.length; i++) {
      if (levels[i].afterMinutes < levels[i - 1].afterMinutes) r.warn(levelsNode.items[i] as Node, 'levels should be in order of "after"');
    }
    if (service) paths.push({ service, levels, position: r.pos(item) });
  }
  return paths;
}
