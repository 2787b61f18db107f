// Runs the `warroom` CLI in-process, as a terminal would, capturing what it prints.
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
