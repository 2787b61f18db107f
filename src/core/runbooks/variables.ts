// Placeholders in runbook commands (`{{service}}`, `$NAMESPACE`, `${POD}`, `<namespace>`, `<my-pvc>`)
// and filling them from an incident's context. Values come from alerts and other outside input, so
// anything that is not a plain word is shell-quoted before it reaches a command line.

export type VariableSyntax = 'mustache' | 'env' | 'angle';

export interface CommandVariable {
  /** Normalized key looked up in the context: `namespace`, `pod`, `service`... */
  readonly key: string;
  /** As written: `$NAMESPACE`, `{{ service }}`, `<my-namespace>`. */
  readonly token: string;
  readonly syntax: VariableSyntax;
  readonly index: number;
}

export interface FilledCommand {
  readonly command: string;
  readonly filled: readonly { key: string; token: string; value: string }[];
  /** Keys with no value in the context: their tokens are left as written. */
  readonly missing: readonly string[];
}

const GO_TEMPLATE_WORDS = new Set(['range', 'end', 'if', 'else', 'with', 'define', 'template', 'block', 'printf', 'println', 'print', 'len', 'index', 'and', 'or', 'not']);
/** Shell variables every machine sets: not something a responder fills in. */
const AMBIENT_ENV = new Set(['HOME', 'PATH', 'USER', 'PWD', 'SHELL', 'HOSTNAME', 'TERM', 'LANG', 'TMPDIR', 'EDITOR', 'UID', 'RANDOM', 'IFS', 'OLDPWD', 'LOGNAME']);
const ALIASES: Readonly<Record<string, string>> = {
  ns: 'namespace', k8s_namespace: 'namespace', kube_namespace: 'namespace', svc: 'service', service_name: 'service',
  app: 'service', application: 'service', pod_name: 'pod', container_name: 'container', node_name: 'node', host: 'instance',
  hostname: 'instance', env: 'environment', cluster_name: 'cluster', deployment_name: 'deployment', incident: 'incident_id',
};

const TOKEN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)\b|<([A-Za-z][\w-]*(?: [\w-]+){0,4})>/g;

/** `<my-namespace>` / `$NAMESPACE` / `{{ Namespace }}` -> `namespace`. */
export function variableKey(name: string): string {
  const key = name.trim().toLowerCase().replace(/[\s.-]+/g, '_').replace(/^(my|your|the)_/, '');
  return ALIASES[key] ?? key;
}

/** Names a command assigns itself (`NODE_NAME=...`, `export X=`, `for p in`), which need no filling. */
function assignedIn(command: string): Set<string> {
  const out = new Set<string>();
  for (const m of command.matchAll(/(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)) {
    out.add(m[1]);
  }
  for (const m of command.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) {
    out.add(m[1]);
  }
  return out;
}

export function findVariables(command: string): CommandVariable[] {
  const assigned = assignedIn(command);
  const out: CommandVariable[] = [];
  for (const m of command.matchAll(TOKEN)) {
    const [token, mustache, braced, bare, angle] = m;
    if (mustache !== undefined) {
      if (GO_TEMPLATE_WORDS.has(mustache)) {
        continue;
      }
      out.push({ key: variableKey(mustache), token, syntax: 'mustache', index: m.index ?? 0 });
    } else if (braced !== undefined || bare !== undefined) {
      const name = (braced ?? bare) as string;
      if (AMBIENT_ENV.has(name) || assigned.has(name)) {
        continue;
      }
      out.push({ key: variableKey(name), token, syntax: 'env', index: m.index ?? 0 });
    } else if (angle !== undefined) {
      out.push({ key: variableKey(angle), token, syntax: 'angle', index: m.index ?? 0 });
    }
  }
  return out;
}

/** Every distinct key the commands need, in first-seen order. */
export function variablesOf(commands: readonly { run: string }[]): string[] {
  const keys = new Set<string>();
  for (const command of commands) {
    for (const v of findVariables(command.run)) {
      keys.add(v.key);
    }
  }
  return [...keys];
}

/** Single-quotes a value for POSIX shells unless it is a plain word. */
export function shellQuote(value: string): string {
  if (/^[\w.:/@%+,=-]+$/.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Replaces every placeholder whose key has a value in `context` (keys normalized as above).
 * Shell commands get quoted values; other languages (`sql`, `promql`) get them as they are.
 */
export function fillVariables(command: string, context: Readonly<Record<string, string | undefined>>, lang = 'shell'): FilledCommand {
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(context)) {
    if (v !== undefined && v !== '') {
      values.set(variableKey(k), v);
    }
  }
  const filled: { key: string; token: string; value: string }[] = [];
  const missing = new Set<string>();
  let out = '';
  let last = 0;
  for (const v of findVariables(command)) {
    const value = values.get(v.key);
    if (value === undefined) {
      missing.add(v.key);
      continue;
    }
    out += command.slice(last, v.index) + (lang === 'shell' ? shellQuote(value) : value);
    last = v.index + v.token.length;
    filled.push({ key: v.key, token: v.token, value });
  }
  out += command.slice(last);
  return { command: out, filled, missing: [...missing] };
}

/** The context an incident gives: its service and id, plus an alert's labels (namespace, pod...). */
export function variablesFromIncident(
  incident: { readonly id: string; readonly service: string; readonly severity?: string },
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    context[variableKey(k)] = v;
  }
  if (incident.service) {
    context.service = incident.service;
  }
  context.incident_id = incident.id;
  if (incident.severity) {
    context.severity = incident.severity;
  }
  return context;
}
