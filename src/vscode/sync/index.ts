// Team sync over PostgreSQL: Connect / Disconnect / Sync Now, the status bar item, and who else has
// an incident open ("Here now" under it). pg loads only once a folder has a server configured.
import * as vscode from 'vscode';
import { FeatureFactory } from '../feature';
import { connectTeamSync, disconnectTeamSync, syncNow } from './commands';
import { TeamSync } from './teamSync';

export const syncFeature: FeatureFactory<undefined, TeamSync> = (context) => {
  const sync = new TeamSync(context.model, context.extension.secrets, context.log, context.currentIncident, context.clock);
  // After the stores were read (the model's first change), connect the folders that were connected.
  const once = context.model.onDidChange(() => {
    once.dispose();
    sync.resume().catch((error) => context.log.error('team sync: could not resume', error));
  });
  if (context.model.folderStates().length > 0) {
    void sync.resume();
  }
  return {
    commands: {
      'warroom.connectTeamSync': connectTeamSync(sync),
      'warroom.disconnectTeamSync': disconnectTeamSync(sync),
      'warroom.syncNow': syncNow(sync),
    },
    disposables: [
      sync,
      once,
      sync.onDidChange(() => {
        context.tree.refresh();
        context.presence.changed();
      }),
      context.presence.provide((incidentId) => sync.present(incidentId)),
      context.tree.registerSection({
        id: 'presence',
        nodes(incident, folder) {
          const here = sync.present(incident.id);
          if (!here.length) return undefined;
          return {
            id: `presence:${folder.uri.toString()}:${incident.id}`,
            label: 'Here now',
            description: here.join(', '),
            tooltip: `Also has this incident open: ${here.join(', ')} (seen through team sync)`,
            icon: new vscode.ThemeIcon('eye'),
            contextValue: 'section;presence',
          };
        },
      }),
    ],
    testApi: sync,
  };
};
