// Runs the `warroom` CLI in-process, as a terminal would, capturing what it prints.
import * as path from 'node:path';
import { FileIncidentStore } from '../../src/adapters/store/fileStore';
import { main } from '../../src/cli/main';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), cwd, env });
  return { code, out, err };
}

/** Declares "Checkout down" (SEV2, began 2026-11-22 12:00 UTC) in `dir`/.warroom as alice; its id. */
export function declareCheckoutDown(dir: string, extra: { utcOffsetMinutes?: number } = {}): Promise<string> {
  return new FileIncidentStore(path.join(dir, '.warroom')).declare(
    {
      type: 'declared',
      title: 'Checkout down',
      severity: 'SEV2',
      urgency: 'high',
      service: 'checkout',
      startedAt: '2026-11-22T12:00:00.000Z',
      detectedAt: '2026-11-22T12:05:00.000Z',
      ...extra,
    },
    'alice',
  );
}
