// Features (correlation, panels, runbooks) start on the tick after activate() returns, so
// activation stays small. What VS Code needs at once is registered during activation as delegates
// that wait for the features: a command for every contributed command id, and a serializer for
// every `onWebviewPanel:` view type (VS Code restores panels right after activating).
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CommandHandler, CommandTable, registerCommandTable, UserFacingError } from './commandRegistry';
import { FeatureContext, FeatureFactory } from './feature';
import { Disposable } from './lifecycle';

export class DeferredFeatures extends Disposable {
  /** Each feature's `api`, by feature name, filled in as they start. */
  readonly apis: Record<string, unknown> = {};
  /** Each feature's `testApi`, by feature name, filled in as they start. */
  readonly testApis: Record<string, unknown> = {};
  /** Resolves when every feature has started (or failed to, which is logged). */
  readonly loaded: Promise<void>;
  /** How long loading and starting the features took, in ms (after activation, off its path). */
  startMs: number | undefined;
  private readonly commands = new Map<string, CommandHandler>();
  private readonly serializers = new Map<string, vscode.WebviewPanelSerializer>();
  private readonly stubbed = new Set<string>();

  constructor(
    private readonly context: FeatureContext,
    load: () => Readonly<Record<string, FeatureFactory>>,
  ) {
    super();
    this.loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const started = performance.now();
      this.start(load());
      this.startMs = performance.now() - started;
    });
  }

  /** Delegates for command ids the core does not handle itself. */
  commandStubs(ids: readonly string[]): CommandTable {
    for (const id of ids) {
      this.stubbed.add(id);
    }
    return Object.fromEntries(
      ids.map((id) => [
        id,
        async (...args: unknown[]) => {
          await this.loaded;
          const handler = this.commands.get(id);
          if (!handler) {
            throw new UserFacingError(`${id} is not available: its feature did not start (see the War Room log).`);
          }
          return handler(...args);
        },
      ]),
    );
  }

  /** A serializer that hands the panel to the feature owning its view type once it has started. */
  serializerFor(viewType: string): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel, state) => {
        await this.loaded;
        const serializer = this.serializers.get(viewType);
        if (!serializer) {
          this.context.log.warn(`No feature restores ${viewType} panels; closing it`);
          panel.dispose();
          return;
        }
        await serializer.deserializeWebviewPanel(panel, state);
      },
    };
  }

  private start(factories: Readonly<Record<string, FeatureFactory>>): void {
    for (const [name, create] of Object.entries(factories)) {
      try {
        const feature = create(this.context);
        this.apis[name] = feature.api;
        this.testApis[name] = feature.testApi;
        this.register(feature.disposables ?? []);
        for (const [viewType, serializer] of Object.entries(feature.serializers ?? {})) {
          this.serializers.set(viewType, serializer);
        }
        const unstubbed: Record<string, CommandHandler> = {};
        for (const [id, handler] of Object.entries(feature.commands ?? {})) {
          this.commands.set(id, handler);
          if (!this.stubbed.has(id)) {
            unstubbed[id] = handler;
          }
        }
        // A command package.json does not contribute still works, and the command-table test sees it.
        this.register(registerCommandTable(unstubbed, this.context.log));
      } catch (error) {
        this.context.log.error(`The ${name} feature failed to start`, error);
      }
    }
    this.context.tree.refresh();
  }
}
