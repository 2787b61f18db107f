// `warroom drill run <scenario>`: replays a game day scenario headless, each inject printed when it
// comes due at the chosen speed (a tabletop on a shared screen), or checks it (CI: a high speed).
import * as path from 'node:path';
import { readScenario, REAL_TIME } from '../adapters/drills/drillFiles';
import { replayInjects } from '../core/drills/run';
import { minutes } from '../core/drills/time';
import { flag, stringOption, UsageError } from './args';
import { CliCommand } from './command';

export const drillCommand: CliCommand = {
  name: 'drill',
  usage: 'drill run <scenario.drill.yaml> [--speed 10] [--json]',
  summary: 'replay a game day scenario headless (injects as they come due)',
  async run(args, io) {
    const file = args.positionals[1];
    const speedText = stringOption(args, 'speed') ?? '1';
    const speed = Number(speedText);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed "${speedText}" is not a positive number (1, 2, 10)`);
    const { scenario, problems, problem } = readScenario(path.resolve(io.cwd, file), file);
    if (problem) {
      io.err(problem);
      return 1;
    }
    for (const p of problems) io.err(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    if (!scenario) return 1;
    const json = flag(args, 'json');
    if (!json) io.out(`Drill: ${scenario.title} (${scenario.severity}, ${scenario.service}) at ${speed}x`);
    const delivered: { at: string; kind: string; from?: string; text: string }[] = [];
    await replayInjects(scenario, speed, REAL_TIME, (inject) => {
      const line = { at: minutes(inject.atMs), kind: inject.kind, ...(inject.from ? { from: inject.from } : {}), text: inject.text };
      delivered.push(line);
      if (!json) io.out(`${line.at.padEnd(8)} ${inject.kind.padEnd(7)} ${inject.from ? `[${inject.from}] ` : ''}${inject.text}`);
    });
    const expected = scenario.expect.map((e) => ({
      action: e.action,
      by: minutes(e.withinMs),
      ...(e.runbook ? { runbook: e.runbook } : {}),
    }));
    if (json) {
      io.out(
        JSON.stringify(
          {
            scenario: { file, title: scenario.title, severity: scenario.severity, service: scenario.service },
            speed,
            injects: delivered,
            expected,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(
        ['', 'Expected of the team:', ...expected.map((e) => `  ${e.action}${e.runbook ? ` (${e.runbook})` : ''} by ${e.by}`)].join('\n'),
      );
    }
    return 0;
  },
};
