// Which step kind a Markdown heading stands for, from the names teams give their sections
// (Meaning / Impact / Diagnosis / Mitigation; Symptoms / Possible checks / Resolution / Post checks;
// Escalation; IR playbook phases...). Unknown headings, including those in other languages, get no
// kind of their own: they inherit their parent's, or become plain diagnose steps.

import { StepKind } from './model';

const RULES: readonly { kind: StepKind; pattern: RegExp }[] = [
  {
    kind: 'verify',
    pattern:
      /\b(post[- ]?checks?|verif(y|ication)|validat(e|ion)|confirm(ation)?|check (that|it) (worked|is fixed)|after (the )?fix|recovery check|health check)\b/i,
  },
  { kind: 'rollback', pattern: /\b(roll[- ]?back|revert|undo|downgrade|back out)\b/i },
  {
    kind: 'escalate',
    pattern:
      /\b(escalat(e|ion|ions)|contacts?|who to (call|page|contact)|getting help|get help|support|communication|page the|notify|stakeholders?)\b/i,
  },
  { kind: 'decide', pattern: /\b(what to do|decid(e|ing)|decision|choose|options?|severity|critical|warning)\b/i },
  {
    kind: 'remediate',
    pattern:
      /\b(mitigat(e|ion|ions)|resol(ve|ution)|remed(y|ies|iation)|fix(es)?|solution|workaround|contain(ment)?|eradicat(e|ion)|recover(y)?|restor(e|ation)|repair|cancel|terminate|kill|restart|start|stop|failover|fail over|switch|scale|purge|migrate|resiz(e|ing)|block|ban|clean ?up|retention|rebalance|export|tune|procedures?|actions?)\b/i,
  },
  {
    kind: 'diagnose',
    pattern:
      /\b(meaning|impact|symptoms?|diagnos(e|is|tics?)|checks?|pre[- ]?checks?|troubleshoot(ing)?|investigat(e|ion)|detect|analy[sz](e|is)|causes?|root cause|background|overview|problem|context|summary|description|evidence|identify|triage|queries|logs?|metrics?|dashboards?|stats|monitor(ing)?|how to (see|check|find|get)|is .* running)\b/i,
  },
];

/** The kind a heading names, or undefined when the heading does not say. */
export function kindForHeading(heading: string): StepKind | undefined {
  const text = heading.replace(/^(part|phase|step)?\s*[\d.]+\s*[—–:.-]?\s*/i, '').replace(/^part\s+\d+\s*[—–:-]\s*/i, '');
  for (const rule of RULES) {
    if (rule.pattern.test(text)) {
      return rule.kind;
    }
  }
  return undefined;
}

/** Sections that list what the responder sees: their items become the runbook's symptoms. */
export function isSymptomsHeading(heading: string): boolean {
  return /^\s*(symptoms?|signs|what you (see|will see)|how it looks)\b/i.test(heading);
}

/** Sections that explain the alert: their first paragraph becomes the description when none is given. */
export function isMeaningHeading(heading: string): boolean {
  return /^\s*(meaning|overview|summary|description|background|about|problem)\b/i.test(heading);
}

/** `Case 1: the HTTP service doesn't respond` -> {label: 'Case 1', condition: "the HTTP service doesn't respond"}. */
export function alternativeOf(heading: string): { label: string; condition: string } | undefined {
  const m = /^\s*((?:case|scenario|option|variant)\s*(?:\d+|[a-z]|[ivx]+))\s*[:.)—–-]?\s*(.*)$/i.exec(heading);
  if (!m) {
    return undefined;
  }
  return { label: m[1].replace(/\s+/g, ' ').trim(), condition: m[2].trim() || m[1].trim() };
}
